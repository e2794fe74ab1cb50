package dev.stateset.console.security;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.InvalidInputException;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether the console's own users may sign in with a password. Once everyone signs in through the identity provider
 * or directory, an admin turns it off; {@code stateset.security.local-login-break-glass} (from the environment)
 * turns it back on when the provider is down.
 */
@Service
public class LoginPolicy {

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final SecurityProperties settings;
    private final List<ExternalLoginMethod> methods;

    LoginPolicy(
            JdbcTemplate jdbc,
            AuditLog audit,
            CurrentUser currentUser,
            Clock clock,
            SecurityProperties settings,
            org.springframework.beans.factory.ObjectProvider<ExternalLoginMethods> methods) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
        this.settings = settings;
        this.methods =
                methods.orderedStream().flatMap(m -> m.methods().stream()).toList();
    }

    /** Whether a local user's password is accepted now. */
    public boolean localPasswordLogin() {
        return settings.localLoginBreakGlass() || localPasswordLoginSetting();
    }

    /** The admin's setting, whatever the break-glass property says. */
    public boolean localPasswordLoginSetting() {
        Boolean on = jdbc.queryForObject("select local_password_login from login_policy where id = 1", Boolean.class);
        return on == null || on;
    }

    public boolean breakGlass() {
        return settings.localLoginBreakGlass();
    }

    /** The other ways in (single sign-on providers, a directory), as the login page names them. */
    public List<ExternalLoginMethod> externalMethods() {
        return methods;
    }

    /**
     * What an admin sees of the policy.
     *
     * @param localPasswordLogin the admin's setting
     * @param breakGlass         console passwords are accepted whatever the setting says
     * @param providers          the other ways in, by origin ({@code ldap}, providers' registration ids)
     */
    public record Settings(boolean localPasswordLogin, boolean breakGlass, List<String> providers) {}

    @PreAuthorize("hasRole('ADMIN')")
    public Settings settings() {
        return new Settings(
                localPasswordLoginSetting(),
                breakGlass(),
                methods.stream().map(ExternalLoginMethod::origin).toList());
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void setLocalPasswordLogin(boolean on) {
        if (!on && methods.isEmpty()) {
            throw InvalidInputException.of(
                    "localPasswordLogin",
                    "No single sign-on provider or directory is configured: turning password sign-in off would lock everyone out");
        }
        if (!on && isLocalCaller()) {
            throw InvalidInputException.of(
                    "localPasswordLogin",
                    "Sign in through single sign-on or the directory first: you signed in with a local password");
        }
        jdbc.update(
                "update login_policy set local_password_login = ?, changed_at = ?, changed_by = ? where id = 1",
                on,
                java.sql.Timestamp.from(clock.instant()),
                currentUser.require().username());
        audit.record(null, on ? "login.local-password-on" : "login.local-password-off", "login", null, "");
    }

    private boolean isLocalCaller() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return auth != null
                && auth.getPrincipal() instanceof ConsoleUserDetails details
                && ConsoleUserDetails.LOCAL.equals(details.origin());
    }
}
