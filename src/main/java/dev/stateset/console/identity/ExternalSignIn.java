package dev.stateset.console.identity;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.identity.internal.GroupMappingEntity;
import dev.stateset.console.identity.internal.GroupMappingRepository;
import dev.stateset.console.security.ConsoleUserDetails;
import dev.stateset.console.security.ExternalAccounts;
import dev.stateset.console.security.SignInRefusedException;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.GroupRoles;
import dev.stateset.console.workspace.WorkspaceRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a sign-in through an identity provider or directory does in the console, and a session re-check again: the
 * user is found or created, their groups' roles (the admin's mappings) replace the ones groups gave before, and every
 * change is in the audit log. Someone no group gives any role, and who holds none directly, is refused and their API
 * tokens are revoked.
 */
@Service
public class ExternalSignIn {

    private final GroupMappingRepository mappings;
    private final ExternalAccounts accounts;
    private final GroupRoles groupRoles;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    ExternalSignIn(
            GroupMappingRepository mappings,
            ExternalAccounts accounts,
            GroupRoles groupRoles,
            AuditLog audit,
            TransactionTemplate transactions) {
        this.mappings = mappings;
        this.accounts = accounts;
        this.groupRoles = groupRoles;
        this.audit = audit;
        this.transactions = transactions;
    }

    private record Outcome(long userId, String refusal) {}

    /**
     * Applies the user's groups and returns their principal.
     *
     * @throws SignInRefusedException if nothing gives them a role, or their name cannot be used
     * @throws DisabledException if an admin disabled them in the console
     */
    public ConsoleUserDetails signIn(ExternalAccounts.Identity who, Collection<String> groups) {
        // The console's own decision, recorded as the console's: nobody is signed in yet (or, at a re-check, the user
        // is, and did not change their own roles).
        Outcome outcome = SystemIdentity.call(() -> applyRetrying(who, groups));
        if (outcome.refusal() != null) {
            throw new SignInRefusedException(outcome.refusal());
        }
        ConsoleUserDetails user = accounts.principal(outcome.userId()).orElseThrow();
        if (!user.isEnabled()) {
            throw new DisabledException("Your console account is disabled: ask a console admin");
        }
        return user;
    }

    /**
     * A sign-in is idempotent, so one that met another of the same person (two tabs, a script's parallel calls, the
     * token holders' re-check) is simply applied again: the other one's row version, or its new user, is then there.
     */
    private Outcome applyRetrying(ExternalAccounts.Identity who, Collection<String> groups) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(tx -> apply(who, groups));
            } catch (org.springframework.dao.OptimisticLockingFailureException
                    | org.springframework.dao.DataIntegrityViolationException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private Outcome apply(ExternalAccounts.Identity who, Collection<String> groups) {
        Set<String> held = groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<GroupMappingEntity> matched = mappings.findByProvider(who.origin()).stream()
                .filter(m -> held.contains(m.getGroupName().toLowerCase(Locale.ROOT)))
                .toList();
        Set<String> adminGroups = new LinkedHashSet<>();
        Map<Long, WorkspaceRole> roles = new LinkedHashMap<>();
        Map<Long, Set<String>> via = new TreeMap<>();
        for (GroupMappingEntity m : matched) {
            if (m.getWorkspaceId() == null) {
                adminGroups.add(m.getGroupName());
                continue;
            }
            WorkspaceRole role = WorkspaceRole.valueOf(m.getRole());
            roles.merge(m.getWorkspaceId(), role, WorkspaceRole::higher);
            via.computeIfAbsent(m.getWorkspaceId(), k -> new LinkedHashSet<>()).add(m.getGroupName());
        }
        Map<Long, GroupRoles.Grant> grants = new LinkedHashMap<>();
        roles.forEach((workspaceId, role) ->
                grants.put(workspaceId, new GroupRoles.Grant(role, String.join(", ", via.get(workspaceId)))));

        ExternalAccounts.Account account = accounts.signIn(who, groups, adminGroups);
        List<AuditLog.Entry> entries = new ArrayList<>();
        String user = "username=" + account.username() + ", provider=" + who.origin();
        if (account.created()) {
            entries.add(new AuditLog.Entry(null, "user.create", "user", account.id(), user + ", first sign-in"));
        }
        if (account.admin() != account.adminBefore()) {
            entries.add(new AuditLog.Entry(
                    null,
                    account.admin() ? "user.grant-admin" : "user.revoke-admin",
                    "user",
                    account.id(),
                    user
                            + (account.admin()
                                    ? ", through group " + String.join(", ", adminGroups)
                                    : ", groups changed")));
        }
        for (GroupRoles.Change change : groupRoles.apply(account.id(), grants)) {
            entries.add(new AuditLog.Entry(
                    change.workspaceId(),
                    "member.group-role",
                    "user",
                    account.id(),
                    user + ", role " + (change.before() == null ? "none" : change.before()) + " → "
                            + (change.after() == null ? "none" : change.after()) + ", groups=" + change.groups()));
        }
        String refusal = null;
        if (account.enabled() && !account.admin() && !groupRoles.memberAnywhere(account.id())) {
            int revoked = accounts.revokeTokens(account.id());
            if (revoked > 0) {
                entries.add(new AuditLog.Entry(
                        null, "token.revoke-all", "user", account.id(), user + ", no role left, tokens=" + revoked));
            }
            refusal = "None of your groups gives you a role in the console"
                    + (groups.isEmpty()
                            ? " (the provider named no group)"
                            : " (yours: " + String.join(", ", groups) + ")")
                    + ": ask a console admin to map one";
        }
        audit.recordAll(entries); // as the console (signIn runs this as SystemIdentity): one batched insert
        return new Outcome(account.id(), refusal);
    }
}
