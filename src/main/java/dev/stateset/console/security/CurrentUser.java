package dev.stateset.console.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is calling: read from Spring Security's context (Vaadin keeps it per session, also in push). */
@Component
public class CurrentUser {

    public Optional<ConsoleUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof ConsoleUserDetails details) {
            return Optional.of(details.toConsoleUser());
        }
        return Optional.empty();
    }

    /** The caller; refuses anonymous calls, so that a service never runs on behalf of nobody. */
    public ConsoleUser require() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not logged in"));
    }
}
