package dev.stateset.console.support;

import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Runs code as a real console user, loaded through the same UserDetailsService the login uses. */
public final class ActAs {

    private ActAs() {}

    public static Authentication authenticate(UserDetailsService users, String username) {
        UserDetails details = users.loadUserByUsername(username);
        return UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities());
    }

    public static <T> T call(UserDetailsService users, String username, Supplier<T> action) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authenticate(users, username));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void run(UserDetailsService users, String username, Runnable action) {
        call(users, username, () -> {
            action.run();
            return null;
        });
    }
}
