package dev.stateset.console.security;

import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The console acting on its own behalf (start-up bootstrap, demo seeding, the scheduler, the cleanup, the snapshot worker): it calls the
 * same services as users do, with the same checks, as the admin-level actor {@value #USERNAME}, which the
 * audit log records as a system action. It is no database user and cannot log in.
 */
public final class SystemIdentity {

    public static final String USERNAME = "system";
    private static final long NO_USER_ID = 0;

    private SystemIdentity() {}

    public static <T> T call(Supplier<T> action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        ConsoleUserDetails principal = new ConsoleUserDetails(NO_USER_ID, USERNAME, "", true, true);
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
