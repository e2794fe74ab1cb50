package dev.stateset.console.workspace;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.FieldErrors;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import dev.stateset.console.security.ConsoleUser;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.security.UserService;
import dev.stateset.console.security.UserSummary;
import dev.stateset.console.workspace.internal.MemberEntity;
import dev.stateset.console.workspace.internal.MemberRepository;
import dev.stateset.console.workspace.internal.WorkspaceEntity;
import dev.stateset.console.workspace.internal.WorkspaceRepository;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workspaces and their members. Admins create and edit workspaces; a workspace's OWNER (or an admin) manages
 * its members; every member reads. Non-members learn nothing, not even whether a workspace exists.
 */
@Service
@Transactional
public class WorkspaceService {

    private final WorkspaceRepository workspaces;
    private final MemberRepository members;
    private final WorkspaceAccess access;
    private final CurrentUser currentUser;
    private final UserService users;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectProvider<WorkspaceJobCounts> jobCounts;

    WorkspaceService(
            WorkspaceRepository workspaces,
            MemberRepository members,
            WorkspaceAccess access,
            CurrentUser currentUser,
            UserService users,
            AuditLog audit,
            Clock clock,
            ObjectProvider<WorkspaceJobCounts> jobCounts) {
        this.jobCounts = jobCounts;
        this.workspaces = workspaces;
        this.members = members;
        this.access = access;
        this.currentUser = currentUser;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** The workspaces the caller belongs to (all of them for an admin), by name. */
    @Transactional(readOnly = true)
    public List<WorkspaceSummary> listMine() {
        Map<Long, WorkspaceRole> roles = new HashMap<>();
        List<WorkspaceEntity> visible = visibleToCaller(roles);
        Map<Long, Long> jobCounts =
                jobCountsOf(visible.stream().map(WorkspaceEntity::getId).toList());
        return visible.stream()
                .map(w -> new WorkspaceSummary(
                        w.getId(),
                        w.getName(),
                        w.getDescription(),
                        w.getTimeZone(),
                        jobCounts.getOrDefault(w.getId(), 0L),
                        roles.get(w.getId())))
                .toList();
    }

    /**
     * Whether the caller is a member with {@code role} in at least one workspace (an admin's standing in every workspace
     * is not membership): one read, for a menu deciding what to show on every page.
     */
    @Transactional(readOnly = true)
    public boolean isMemberWithRoleAnywhere(WorkspaceRole role) {
        return members.holdsRoleAnywhere(currentUser.require().id(), role);
    }

    /** The caller's workspaces with their engine bindings, in one read (for figures per cluster). */
    @Transactional(readOnly = true)
    public List<WorkspaceDetails> listMineWithEngines() {
        Map<Long, WorkspaceRole> roles = new HashMap<>();
        return visibleToCaller(roles).stream()
                .map(w -> toDetails(w, roles.get(w.getId())))
                .toList();
    }

    /** The workspaces the caller belongs to (all of them for an admin, as OWNER), by name; fills in their roles. */
    private List<WorkspaceEntity> visibleToCaller(Map<Long, WorkspaceRole> roles) {
        ConsoleUser user = currentUser.require();
        if (user.admin()) {
            List<WorkspaceEntity> all = workspaces.findAllByOrderByNameAsc();
            all.forEach(w -> roles.put(w.getId(), WorkspaceRole.OWNER));
            return all;
        }
        members.findByUserId(user.id()).forEach(m -> roles.put(m.getWorkspaceId(), m.getRole()));
        return roles.isEmpty() ? List.of() : workspaces.findByIdInOrderByNameAsc(roles.keySet());
    }

    private Map<Long, Long> jobCountsOf(List<Long> workspaceIds) {
        WorkspaceJobCounts counts = jobCounts.getIfAvailable();
        return counts == null || workspaceIds.isEmpty() ? Map.of() : counts.count(workspaceIds);
    }

    @Transactional(readOnly = true)
    public WorkspaceDetails get(long workspaceId) {
        return access.details(workspaceId, WorkspaceRole.VIEWER);
    }

    @PreAuthorize("isAuthenticated()")
    public WorkspaceDetails create(WorkspaceDraft draft) {
        requireAdmin("Creating workspaces");
        validate(draft, null);
        WorkspaceEntity entity = new WorkspaceEntity(
                draft.name().strip(),
                FieldErrors.clean(draft.description()),
                draft.timeZone().strip(),
                clock.instant());
        applyEngine(entity, draft);
        WorkspaceEntity saved = workspaces.save(entity);
        audit.record(
                saved.getId(),
                "workspace.create",
                "workspace",
                saved.getId(),
                "name=" + saved.getName() + ", engine=" + engineOf(saved));
        return toDetails(saved, WorkspaceRole.OWNER);
    }

    @PreAuthorize("isAuthenticated()")
    public WorkspaceDetails update(long workspaceId, WorkspaceDraft draft) {
        // Refused before any lookup: a non-admin learns nothing about which workspaces exist.
        requireAdmin("Changing a workspace");
        WorkspaceEntity workspace = load(workspaceId);
        validate(draft, workspaceId);
        workspace.setName(draft.name().strip());
        workspace.setDescription(FieldErrors.clean(draft.description()));
        workspace.setTimeZone(draft.timeZone().strip());
        applyEngine(workspace, draft);
        audit.record(
                workspaceId,
                "workspace.update",
                "workspace",
                workspaceId,
                "name=" + workspace.getName() + ", timeZone=" + workspace.getTimeZone() + ", engine="
                        + engineOf(workspace));
        return toDetails(workspace, WorkspaceRole.OWNER);
    }

    /** Workspaces are an admin's to create and bind to clusters (the console then calls the cluster's URL). */
    private void requireAdmin(String action) {
        if (!currentUser.require().admin()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    action + " needs the console's ADMIN role");
        }
    }

    /** The settings the workspace's owner keeps (every member reads them). */
    @Transactional(readOnly = true)
    public WorkspaceSettings settings(long workspaceId) {
        access.require(workspaceId, WorkspaceRole.VIEWER);
        WorkspaceEntity workspace = load(workspaceId);
        return settingsOf(workspace);
    }

    /** Changes the owner's settings; owners (and admins) only. */
    public WorkspaceSettings saveSettings(long workspaceId, WorkspaceSettings settings) {
        WorkspaceRole role = access.require(workspaceId, WorkspaceRole.VIEWER);
        if (!role.includes(WorkspaceRole.OWNER)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Changing the workspace's settings needs the OWNER role; you are " + role);
        }
        settings.validate();
        WorkspaceEntity workspace = load(workspaceId);
        workspace.setStoragePricePerGbMonth(settings.storagePricePerGbMonth());
        workspace.setBlackoutWindows(settings.normalWindows());
        workspace.setViewersSeeStateValues(settings.viewersSeeStateValues());
        audit.record(
                workspaceId,
                "workspace.settings",
                "workspace",
                workspaceId,
                "storagePricePerGbMonth=" + settings.storagePricePerGbMonth() + ", blackoutWindows="
                        + workspace.getBlackoutWindows().replace('\n', ';') + ", viewersSeeStateValues="
                        + settings.viewersSeeStateValues());
        return settingsOf(workspace);
    }

    private static WorkspaceSettings settingsOf(WorkspaceEntity workspace) {
        return new WorkspaceSettings(
                workspace.getStoragePricePerGbMonth(),
                workspace.getBlackoutWindows(),
                workspace.isViewersSeeStateValues());
    }

    @Transactional(readOnly = true)
    public List<Member> members(long workspaceId) {
        access.require(workspaceId, WorkspaceRole.VIEWER);
        List<MemberEntity> rows = members.findByWorkspaceId(workspaceId);
        Map<Long, UserSummary> byId = users
                .findAllById(rows.stream().map(MemberEntity::getUserId).toList())
                .stream()
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
        return rows.stream()
                .filter(m -> byId.containsKey(m.getUserId()))
                .map(m -> {
                    UserSummary u = byId.get(m.getUserId());
                    return new Member(
                            u.id(),
                            u.username(),
                            u.displayName(),
                            m.getRole(),
                            m.getDirectRole(),
                            m.getGroupRole(),
                            m.getViaGroups());
                })
                .sorted(Comparator.comparing(Member::username))
                .toList();
    }

    /** Every workspace a user belongs to, and where each role comes from: for system admins (the user's page). */
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<Membership> membershipsOf(long userId) {
        List<MemberEntity> rows = members.findByUserId(userId);
        Map<Long, String> names =
                workspaces
                        .findAllById(
                                rows.stream().map(MemberEntity::getWorkspaceId).toList())
                        .stream()
                        .collect(Collectors.toMap(WorkspaceEntity::getId, WorkspaceEntity::getName));
        return rows.stream()
                .map(m -> new Membership(
                        m.getWorkspaceId(),
                        names.getOrDefault(m.getWorkspaceId(), "?"),
                        m.getRole(),
                        m.getDirectRole(),
                        m.getGroupRole(),
                        m.getViaGroups()))
                .sorted(Comparator.comparing(Membership::workspaceName))
                .toList();
    }

    public Member addMember(long workspaceId, String username, WorkspaceRole role) {
        access.require(workspaceId, WorkspaceRole.OWNER);
        FieldErrors errors = new FieldErrors();
        if (role == null) {
            errors.add("role", "Role is required");
        }
        UserSummary user = null;
        if (username == null || username.isBlank()) {
            errors.add("username", "Username is required");
        } else {
            user = users.findByUsername(username).orElse(null);
            if (user == null) {
                errors.add("username", "No user named '" + username.strip() + "'");
            } else if (members.findByWorkspaceIdAndUserId(workspaceId, user.id())
                    .filter(m -> m.getDirectRole() != null)
                    .isPresent()) {
                errors.add("username", user.username() + " is already a member");
            }
        }
        errors.throwIfAny();
        // A member through a group only gets a direct grant besides; the group's role stays theirs.
        MemberEntity member =
                members.findByWorkspaceIdAndUserId(workspaceId, user.id()).orElse(null);
        if (member == null) {
            member = members.save(new MemberEntity(workspaceId, user.id(), role, clock.instant()));
        } else {
            member.setDirectRole(role);
        }
        audit.record(workspaceId, "member.add", "user", user.id(), "username=" + user.username() + ", role=" + role);
        return new Member(
                user.id(),
                user.username(),
                user.displayName(),
                member.getRole(),
                member.getDirectRole(),
                member.getGroupRole(),
                member.getViaGroups());
    }

    public void changeRole(long workspaceId, long userId, WorkspaceRole role) {
        access.require(workspaceId, WorkspaceRole.OWNER);
        if (role == null) {
            throw InvalidInputException.of("role", "Role is required");
        }
        MemberEntity member = loadMember(workspaceId, userId);
        if (member.getDirectRole() == role) {
            return;
        }
        member.setDirectRole(role);
        audit.record(
                workspaceId,
                "member.change-role",
                "user",
                userId,
                "role=" + role + (member.getRole() == role ? "" : ", effective " + member.getRole() + " from groups"));
    }

    /**
     * Takes the direct grant back. A member whose groups give them a role here stays one, with that role: the
     * identity provider decides their groups.
     */
    public void removeMember(long workspaceId, long userId) {
        access.require(workspaceId, WorkspaceRole.OWNER);
        MemberEntity member = loadMember(workspaceId, userId);
        if (member.getDirectRole() == null) {
            throw InvalidInputException.of(
                    "member",
                    "This role comes from group " + member.getViaGroups()
                            + ": remove the user from the group, or change the group's mapping");
        }
        WorkspaceRole before = member.getRole();
        member.setDirectRole(null);
        if (member.held()) {
            audit.record(
                    workspaceId,
                    "member.remove",
                    "user",
                    userId,
                    "role was " + before + "; stays " + member.getRole() + " through group " + member.getViaGroups());
        } else {
            members.delete(member);
            audit.record(workspaceId, "member.remove", "user", userId, "role was " + before);
        }
    }

    private static void applyEngine(WorkspaceEntity workspace, WorkspaceDraft draft) {
        EngineKind kind = draft.engineKind() == null ? EngineKind.EMBEDDED : draft.engineKind();
        workspace.setEngineKind(kind.name());
        workspace.setEngineRestUrl(kind == EngineKind.REMOTE ? EngineUrls.normalize(draft.engineRestUrl()) : null);
        String webhook = FieldErrors.clean(draft.webhookUrl());
        workspace.setWebhookUrl(webhook.isEmpty() ? null : webhook);
    }

    private static String engineOf(WorkspaceEntity w) {
        return w.getEngineRestUrl() == null ? w.getEngineKind() : w.getEngineKind() + " " + w.getEngineRestUrl();
    }

    private void validate(WorkspaceDraft draft, Long existingId) {
        FieldErrors errors = new FieldErrors()
                .requireName("name", draft.name())
                .limitDescription("description", draft.description())
                .requireTimeZone("timeZone", draft.timeZone());
        if (draft.webhookUrl() != null && !draft.webhookUrl().isBlank()) {
            String problem =
                    EngineUrls.problem(draft.webhookUrl(), "webhook URL", "https://hooks.example.com/stateset");
            if (problem != null) {
                errors.add("webhookUrl", problem);
            }
        }
        if (draft.engineKind() == EngineKind.REMOTE) {
            String problem = EngineUrls.flinkRestUrlProblem(draft.engineRestUrl());
            if (problem != null) {
                errors.add("engineRestUrl", problem);
            }
        }
        if (!errors.has("name")) {
            String name = draft.name().strip();
            boolean taken = existingId == null
                    ? workspaces.existsByNameIgnoreCase(name)
                    : workspaces.existsByNameIgnoreCaseAndIdNot(name, existingId);
            if (taken) {
                errors.add("name", "A workspace named '" + name + "' already exists");
            }
        }
        errors.throwIfAny();
    }

    private WorkspaceEntity load(long workspaceId) {
        return workspaces.findById(workspaceId).orElseThrow(() -> new ResourceNotFoundException("Workspace"));
    }

    private MemberEntity loadMember(long workspaceId, long userId) {
        return members.findByWorkspaceIdAndUserId(workspaceId, userId)
                .orElseThrow(() -> new ResourceNotFoundException("Member"));
    }

    private static WorkspaceDetails toDetails(WorkspaceEntity w, WorkspaceRole role) {
        return new WorkspaceDetails(
                w.getId(),
                w.getName(),
                w.getDescription(),
                w.getTimeZone(),
                EngineKind.valueOf(w.getEngineKind()),
                w.getEngineRestUrl(),
                role,
                w.getWebhookUrl());
    }
}
