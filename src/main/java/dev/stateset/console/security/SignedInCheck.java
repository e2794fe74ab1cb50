package dev.stateset.console.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Asks a user's identity provider or directory again whether they still belong, and brings their roles up to date
 * (the session re-check). Implemented by the identity feature for the origins it knows.
 */
public interface SignedInCheck {

    /** Whether this check is the one for users of {@code origin}. */
    boolean handles(String origin);

    /**
     * @return the session's authentication as it is now (roles read afresh), or empty when the user may no longer use
     *     the console
     */
    Optional<Authentication> recheck(
            Authentication signedIn, ConsoleUserDetails user, HttpServletRequest request, HttpServletResponse response);
}
