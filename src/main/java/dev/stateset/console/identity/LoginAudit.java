package dev.stateset.console.identity;

import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.audit.AuditSource;
import dev.stateset.console.security.ConsoleUserDetails;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sign-ins to the UI in the audit log, successful or not, with the way in (password, directory, provider). Only the
 * login form's and the provider's callbacks count: an API call's HTTP Basic or token is a request, not a sign-in.
 */
@Component
public class LoginAudit {

    private final AuditLog audit;

    LoginAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        HttpServletRequest request = signInRequest();
        if (request == null) {
            return;
        }
        Authentication auth = event.getAuthentication();
        String provider = auth.getPrincipal() instanceof ConsoleUserDetails user ? user.origin() : "unknown";
        Long userId = auth.getPrincipal() instanceof ConsoleUserDetails user ? user.id() : null;
        audit.recordBy(
                auth.getName(),
                AuditSource.UI,
                new AuditLog.Entry(null, "login.success", "user", userId, details(provider, request)));
    }

    /** A password sign-in (console user or directory) that failed; a provider's are {@link #providerFailed}. */
    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        HttpServletRequest request = signInRequest();
        Authentication attempt = event.getAuthentication();
        // A provider's callback fails in its own authentication manager; its parent then only says "no provider".
        if (request == null
                || attempt instanceof OAuth2LoginAuthenticationToken
                || event instanceof AuthenticationFailureProviderNotFoundEvent) {
            return;
        }
        failure(attempt.getName(), "password", event.getException().getMessage(), request);
    }

    /** A sign-in through an OpenID Connect provider that failed (at the provider, or refused here). */
    public void providerFailed(String registrationId, String reason, HttpServletRequest request) {
        failure("(" + registrationId + " user)", registrationId, reason, request);
    }

    private void failure(String name, String provider, String reason, HttpServletRequest request) {
        audit.recordBy(
                name,
                AuditSource.UI,
                new AuditLog.Entry(
                        null, "login.failure", "user", null, details(provider, request) + ", reason=" + reason));
    }

    private static String details(String provider, HttpServletRequest request) {
        return "provider=" + provider + ", address=" + request.getRemoteAddr();
    }

    /** The request when it is the login form's POST or a provider's callback; null otherwise. */
    private static HttpServletRequest signInRequest() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        HttpServletRequest request = attributes.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean form = "POST".equals(request.getMethod()) && path.equals("/login");
        return form || path.startsWith("/login/oauth2/code/") ? request : null;
    }
}
