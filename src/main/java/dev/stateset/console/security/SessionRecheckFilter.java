package dev.stateset.console.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a signed-in session's user again once per {@code stateset.security.session-recheck-interval}, at their next
 * request after it: a user disabled, or no longer in any group that gives them a role, is signed out there and then;
 * an admin role or a group's workspace role taken back applies without signing in again. Workspace roles are read
 * from the database on every call anyway; this keeps the session's own copy (the admin flag) and the groups current.
 */
class SessionRecheckFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionRecheckFilter.class);
    static final String CHECKED_AT = SessionRecheckFilter.class.getName() + ".checkedAt";

    private final SecurityContextHolderStrategy holder;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final ExternalAccounts accounts;
    private final List<SignedInCheck> checks;
    private final Duration interval;
    private final Clock clock;

    SessionRecheckFilter(
            SecurityContextHolderStrategy holder,
            ExternalAccounts accounts,
            List<SignedInCheck> checks,
            Duration interval,
            Clock clock) {
        this.holder = holder;
        this.accounts = accounts;
        this.checks = checks;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication signedIn = holder.getContext().getAuthentication();
        if (session != null && signedIn != null && signedIn.getPrincipal() instanceof ConsoleUserDetails user) {
            Instant now = clock.instant();
            if (due(session, now)) {
                Optional<Authentication> current = recheck(signedIn, user, request, response);
                if (current.isEmpty()) {
                    log.info("Signed out {}: no longer allowed to use the console", user.getUsername());
                    holder.clearContext();
                    session.invalidate();
                } else if (current.get() != signedIn) {
                    SecurityContext context = holder.createEmptyContext();
                    context.setAuthentication(current.get());
                    holder.setContext(context);
                    contexts.saveContext(context, request, response);
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** Whether the session is due for a re-check; marks it checked now (one request of a burst does it). */
    private boolean due(HttpSession session, Instant now) {
        synchronized (org.springframework.web.util.WebUtils.getSessionMutex(session)) {
            Object at = session.getAttribute(CHECKED_AT);
            if (at instanceof Instant last && Duration.between(last, now).compareTo(interval) < 0) {
                return false;
            }
            session.setAttribute(CHECKED_AT, now);
            return at != null; // the sign-in itself was the first check
        }
    }

    private Optional<Authentication> recheck(
            Authentication signedIn,
            ConsoleUserDetails user,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            if (!ConsoleUserDetails.LOCAL.equals(user.origin())) {
                for (SignedInCheck check : checks) {
                    if (check.handles(user.origin())) {
                        return check.recheck(signedIn, user, request, response).filter(Authentication::isAuthenticated);
                    }
                }
                return Optional.empty(); // nobody can vouch for them any more (the provider was removed)
            }
            Optional<ConsoleUserDetails> fresh = accounts.principal(user.id()).filter(ConsoleUserDetails::isEnabled);
            if (fresh.isEmpty()) {
                return Optional.empty();
            }
            if (fresh.get().admin() == user.admin()) {
                return Optional.of(signedIn);
            }
            UsernamePasswordAuthenticationToken updated = UsernamePasswordAuthenticationToken.authenticated(
                    fresh.get(), null, fresh.get().getAuthorities());
            updated.setDetails(signedIn.getDetails());
            return Optional.of(updated);
        } catch (RuntimeException e) {
            // The directory or provider cannot answer: keep the session as it is, ask again at the next interval.
            log.warn("Could not re-check the session of {}: {}", user.getUsername(), e.toString());
            return Optional.of(signedIn);
        }
    }
}
