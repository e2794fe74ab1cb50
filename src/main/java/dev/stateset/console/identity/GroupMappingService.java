package dev.stateset.console.identity;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.identity.internal.GroupMappingEntity;
import dev.stateset.console.identity.internal.GroupMappingRepository;
import dev.stateset.console.security.ExternalLoginMethod;
import dev.stateset.console.security.LoginPolicy;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin's mappings of identity-provider and directory groups to roles. They apply at each user's next sign-in or
 * session re-check: the console cannot ask a provider who is in a group, only who a signed-in user is.
 */
@Service
@Transactional
public class GroupMappingService {

    private final GroupMappingRepository mappings;
    private final WorkspaceService workspaces;
    private final LoginPolicy logins;
    private final AuditLog audit;
    private final Clock clock;

    GroupMappingService(
            GroupMappingRepository mappings,
            WorkspaceService workspaces,
            LoginPolicy logins,
            AuditLog audit,
            Clock clock) {
        this.mappings = mappings;
        this.workspaces = workspaces;
        this.logins = logins;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<GroupMapping> list() {
        Map<Long, String> names =
                workspaces.listMine().stream().collect(Collectors.toMap(WorkspaceSummary::id, WorkspaceSummary::name));
        return mappings.findAllOrdered().stream()
                .map(m -> toRecord(m, names.get(m.getWorkspaceId())))
                .toList();
    }

    /**
     * Maps {@code group} of {@code provider} to system admin ({@code workspaceId} null) or to {@code role} in the
     * workspace.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public GroupMapping add(String provider, String group, Long workspaceId, WorkspaceRole role) {
        FieldErrors errors = new FieldErrors();
        String cleanGroup = FieldErrors.clean(group);
        if (provider == null
                || logins.externalMethods().stream().noneMatch(m -> m.origin().equals(provider))) {
            errors.add(
                    "provider",
                    "Choose one of the configured providers: "
                            + logins.externalMethods().stream()
                                    .map(ExternalLoginMethod::origin)
                                    .collect(Collectors.joining(", ")));
        }
        if (cleanGroup.isEmpty()) {
            errors.add("group", "Group is required");
        } else if (cleanGroup.length() > 255) {
            errors.add("group", "At most 255 characters");
        }
        String workspaceName = null;
        if (workspaceId != null) {
            if (role == null) {
                errors.add("role", "Role is required");
            }
            try {
                workspaceName = workspaces.get(workspaceId).name();
            } catch (ResourceNotFoundException e) {
                errors.add("workspace", "No such workspace");
            }
        }
        errors.throwIfAny();
        String stored = workspaceId == null ? "ADMIN" : role.name();
        boolean duplicate = mappings.findByProvider(provider).stream()
                .anyMatch(m -> m.getGroupName().equalsIgnoreCase(cleanGroup)
                        && java.util.Objects.equals(m.getWorkspaceId(), workspaceId));
        if (duplicate) {
            throw dev.stateset.console.base.InvalidInputException.of(
                    "group",
                    "Group " + cleanGroup + " of " + provider + " is already mapped "
                            + (workspaceId == null ? "to system admin" : "in " + workspaceName)
                            + ": remove that mapping first");
        }
        GroupMappingEntity saved =
                mappings.save(new GroupMappingEntity(provider, cleanGroup, workspaceId, stored, clock.instant()));
        GroupMapping mapping = toRecord(saved, workspaceName);
        audit.record(
                workspaceId,
                "group-mapping.add",
                "group-mapping",
                saved.getId(),
                "provider=" + provider + ", group=" + cleanGroup + ", grants=" + mapping.grants());
        return mapping;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void remove(long mappingId) {
        GroupMappingEntity mapping =
                mappings.findById(mappingId).orElseThrow(() -> new ResourceNotFoundException("Group mapping"));
        mappings.delete(mapping);
        audit.record(
                mapping.getWorkspaceId(),
                "group-mapping.remove",
                "group-mapping",
                mappingId,
                "provider=" + mapping.getProvider() + ", group=" + mapping.getGroupName() + ", role="
                        + mapping.getRole());
    }

    private static GroupMapping toRecord(GroupMappingEntity m, String workspaceName) {
        return new GroupMapping(
                m.getId(),
                m.getProvider(),
                m.getGroupName(),
                m.getWorkspaceId(),
                workspaceName,
                m.getWorkspaceId() == null ? null : WorkspaceRole.valueOf(m.getRole()));
    }
}
