package dev.stateset.console.identity.oidc;

import dev.stateset.console.identity.ExternalSignIn;
import dev.stateset.console.identity.LoginAudit;
import dev.stateset.console.security.ConsoleUserDetails;
import dev.stateset.console.security.ExternalAccounts;
import dev.stateset.console.security.ExternalLoginMethod;
import dev.stateset.console.security.ExternalLoginMethods;
import dev.stateset.console.security.SignedInCheck;
import dev.stateset.console.security.UiLoginContribution;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.util.StringUtils;

/**
 * Sign-in through OpenID Connect providers: the authorization-code flow with PKCE (Spring Security's OAuth2 client),
 * the person read from the ID token (and the user-info endpoint), their groups applied by {@link ExternalSignIn}. The
 * session re-check asks the provider's user-info endpoint again, with a refreshed access token; a provider that no
 * longer refreshes it (the person was disabled or signed out there) ends the console session too.
 */
public class OidcSignIn implements UiLoginContribution, SignedInCheck, ExternalLoginMethods {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
    static final String AUTHORIZATION_PATH = "/oauth2/authorization";
    /** Spring's error code when the token endpoint gave no usable answer (no connection, timeout, 5xx, garbage). */
    private static final String NO_ANSWER = "invalid_token_response";

    private final ProviderRegistrations registrations;
    private final List<String> registrationIds;
    private final OidcProperties settings;
    private final ExternalSignIn signIn;
    private final OAuth2AuthorizedClientManager authorizedClients;
    private final OidcUserService oidcUsers = new OidcUserService();
    private final DefaultOAuth2UserService userInfo;
    private final ProviderCalls calls;
    private final LoginAudit logins;
    private final SimpleUrlAuthenticationFailureHandler toLoginPage =
            new SimpleUrlAuthenticationFailureHandler("/login?error");

    OidcSignIn(
            ProviderRegistrations registrations,
            OidcProperties settings,
            ExternalSignIn signIn,
            OAuth2AuthorizedClientManager authorizedClients,
            LoginAudit logins,
            ProviderCalls calls) {
        this.logins = logins;
        this.calls = calls;
        this.userInfo = calls.userInfo();
        this.oidcUsers.setOauth2UserService(userInfo);
        this.registrations = registrations;
        this.registrationIds = registrations == null ? List.of() : registrations.ids();
        this.settings = settings;
        this.signIn = signIn;
        this.authorizedClients = authorizedClients;
    }

    @Override
    public List<ExternalLoginMethod> methods() {
        List<ExternalLoginMethod> methods = new ArrayList<>();
        for (String id : registrationIds) {
            methods.add(new ExternalLoginMethod(id, label(id), AUTHORIZATION_PATH + "/" + id));
        }
        return methods;
    }

    /** How the login page names the provider; known without its discovery document. */
    private String label(String registrationId) {
        return settings.labels().getOrDefault(registrationId, registrations.clientName(registrationId));
    }

    @Override
    public void configure(HttpSecurity http) throws Exception {
        if (registrationIds.isEmpty()) {
            return;
        }
        DefaultOAuth2AuthorizationRequestResolver requests =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_PATH);
        // PKCE for every client, confidential ones too (Spring adds it only to public clients by default).
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        // A provider that cannot be reached (down since the start, or again): back to the login page, which says so.
        http.addFilterBefore(
                (request, response, chain) -> {
                    HttpServletRequest asked = (HttpServletRequest) request;
                    String path = asked.getRequestURI()
                            .substring(asked.getContextPath().length());
                    String id = path.startsWith(AUTHORIZATION_PATH + "/")
                            ? path.substring(AUTHORIZATION_PATH.length() + 1)
                            : null;
                    if (id != null && registrationIds.contains(id) && registrations.findByRegistrationId(id) == null) {
                        toLoginPage.onAuthenticationFailure(
                                asked,
                                (HttpServletResponse) response,
                                new OAuth2AuthenticationException(
                                        new OAuth2Error(
                                                "provider_unavailable",
                                                label(id) + " cannot be reached right now: try again shortly",
                                                null),
                                        "provider " + id + " unavailable"));
                        return;
                    }
                    chain.doFilter(request, response);
                },
                OAuth2AuthorizationRequestRedirectFilter.class);
        http.oauth2Login(login -> login.loginPage("/login")
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                .tokenEndpoint(endpoint -> endpoint.accessTokenResponseClient(calls.codeExchange()))
                .userInfoEndpoint(endpoint -> endpoint.oidcUserService(this::loadUser))
                .failureHandler(this::failed));
    }

    /** Audited, then the login page says why (it reads the failure kept in the session). */
    private void failed(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.core.AuthenticationException failure)
            throws java.io.IOException, jakarta.servlet.ServletException {
        String path = request.getRequestURI();
        String registrationId = path.substring(path.lastIndexOf('/') + 1);
        String reason = failure instanceof OAuth2AuthenticationException oauth
                        && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription()
                : failure.getMessage();
        logins.providerFailed(registrationId, reason, request);
        if (failure instanceof OAuth2AuthenticationException oauth && unanswered(oauth)) {
            // The audit keeps Spring's technical reason; the person is told what happened and what to do.
            String provider = registrationIds.contains(registrationId) ? label(registrationId) : "The provider";
            failure = new OAuth2AuthenticationException(
                    new OAuth2Error(
                            oauth.getError().getErrorCode(),
                            provider + " could not be reached or did not answer in time: try again shortly",
                            null),
                    oauth);
        }
        toLoginPage.onAuthenticationFailure(request, response, failure);
    }

    /** A call to the provider that failed on the network (refused, reset, timed out), not on what it answered. */
    private static boolean unanswered(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** After the provider's callback: the person as the provider says, then as the console's mappings make them. */
    OidcUser loadUser(OidcUserRequest request) {
        OidcUser person = oidcUsers.loadUser(request);
        String registrationId = request.getClientRegistration().getRegistrationId();
        try {
            ConsoleUserDetails user = signIn.signIn(
                    identity(registrationId, person.getClaims()), groups(registrationId, person.getClaims()));
            return new ConsoleOidcUser(user, person.getIdToken(), person.getUserInfo());
        } catch (AccountStatusException e) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error("access_denied", e.getMessage(), null), e.getMessage(), e);
        }
    }

    @Override
    public boolean handles(String origin) {
        return registrationIds.contains(origin);
    }

    @Override
    public Optional<Authentication> recheck(
            Authentication signedIn,
            ConsoleUserDetails user,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!(signedIn instanceof OAuth2AuthenticationToken token)
                || !(signedIn.getPrincipal() instanceof ConsoleOidcUser oidc)) {
            return Optional.empty();
        }
        String registrationId = token.getAuthorizedClientRegistrationId();
        OAuth2AuthorizedClient client;
        try {
            client = authorizedClients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                    .principal(signedIn)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response)
                    .build());
        } catch (ClientAuthorizationException e) {
            if (NO_ANSWER.equals(e.getError().getErrorCode())) {
                // Down, hung past the timeout, or a server error: no verdict on the person, so the session stays
                // and the filter asks again at the next interval. An OAuth error (invalid_grant…) is the provider's no.
                throw new IllegalStateException(registrationId + " did not answer the refresh: " + e.getMessage(), e);
            }
            log.info(
                    "{} no longer refreshes the session of {}: {}", registrationId, user.getUsername(), e.getMessage());
            return Optional.empty();
        }
        if (client == null) {
            return Optional.empty();
        }
        Map<String, Object> claims = new java.util.HashMap<>(oidc.getClaims());
        ClientRegistration registration = client.getClientRegistration();
        if (StringUtils.hasText(
                registration.getProviderDetails().getUserInfoEndpoint().getUri())) {
            OAuth2User info = userInfo.loadUser(new OAuth2UserRequest(registration, client.getAccessToken()));
            claims.putAll(info.getAttributes());
        }
        try {
            ConsoleUserDetails fresh = signIn.signIn(identity(registrationId, claims), groups(registrationId, claims));
            ConsoleOidcUser principal = new ConsoleOidcUser(fresh, oidc.getIdToken(), oidc.getUserInfo());
            OAuth2AuthenticationToken updated =
                    new OAuth2AuthenticationToken(principal, principal.getAuthorities(), registrationId);
            updated.setDetails(signedIn.getDetails());
            return Optional.of(updated);
        } catch (AccountStatusException e) {
            return Optional.empty();
        }
    }

    /** RP-initiated logout where the provider offers it (its end_session_endpoint); the login page otherwise. */
    @Override
    public Optional<LogoutSuccessHandler> logoutSuccessHandler(Authentication signedIn) {
        if (!(signedIn instanceof OAuth2AuthenticationToken token)
                || !registrationIds.contains(token.getAuthorizedClientRegistrationId())) {
            return Optional.empty();
        }
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/login");
        handler.setDefaultTargetUrl("/login");
        handler.setRedirectStrategy(new com.vaadin.flow.spring.security.UidlRedirectStrategy());
        return Optional.of(handler);
    }

    private ExternalAccounts.Identity identity(String registrationId, Map<String, Object> claims) {
        Object issuer = claims.get("iss");
        Object subject = claims.get("sub");
        Object name = claims.get(settings.usernameClaimOf(registrationId));
        Object displayName = claims.containsKey("name") ? claims.get("name") : name;
        return new ExternalAccounts.Identity(
                registrationId,
                issuer + "|" + subject,
                name == null ? null : name.toString(),
                displayName == null ? null : displayName.toString());
    }

    /** The groups claim: a JSON array of names, or one name. */
    private List<String> groups(String registrationId, Map<String, Object> claims) {
        Object value = claims.get(settings.groupsClaimOf(registrationId));
        List<String> groups = new ArrayList<>();
        if (value instanceof Collection<?> many) {
            many.forEach(g -> groups.add(String.valueOf(g)));
        } else if (value != null) {
            groups.add(value.toString());
        }
        return groups.stream().sorted().toList();
    }
}
