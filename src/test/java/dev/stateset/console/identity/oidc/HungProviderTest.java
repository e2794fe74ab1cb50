package dev.stateset.console.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.stateset.console.security.ConsoleUserDetails;
import dev.stateset.console.support.HungListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A provider that hangs (a real listener that accepts and never answers): each call the console makes to it, at
 * sign-in and at a session's re-check, fails after the configured timeout instead of holding the request for ever.
 * A re-check that gets no answer keeps the session; one the provider refuses (invalid_grant) ends it.
 */
class HungProviderTest {

    private static final Duration BOUND = Duration.ofSeconds(60); // proves a call returns, whatever the load

    private HungListener hung;
    private final ProviderCalls calls = new ProviderCalls(Duration.ofSeconds(1), Duration.ofSeconds(1));

    @BeforeEach
    void aProviderThatNeverAnswers() {
        hung = new HungListener("hung-provider");
    }

    @AfterEach
    void release() throws Exception {
        hung.close();
    }

    /** A provider "hung" at this address, set up in full (no discovery document to read). */
    static ProviderRegistrations registrations(String base) {
        OAuth2ClientProperties properties = new OAuth2ClientProperties();
        OAuth2ClientProperties.Registration client = new OAuth2ClientProperties.Registration();
        client.setClientId("stateset-console");
        client.setClientSecret("Client-secret-1");
        client.setAuthorizationGrantType("authorization_code");
        client.setRedirectUri("{baseUrl}/login/oauth2/code/{registrationId}");
        client.setScope(java.util.Set.of("openid"));
        OAuth2ClientProperties.Provider provider = new OAuth2ClientProperties.Provider();
        provider.setAuthorizationUri(base + "/authorize");
        provider.setTokenUri(base + "/token");
        provider.setUserInfoUri(base + "/userinfo");
        provider.setUserNameAttribute("sub");
        provider.setJwkSetUri(base + "/jwks");
        properties.getRegistration().put("hung", client);
        properties.getProvider().put("hung", provider);
        return new ProviderRegistrations(properties, Duration.ofSeconds(30), Duration.ofSeconds(10), Clock.systemUTC());
    }

    private static ClientRegistration registration(String base) {
        return registrations(base).findByRegistrationId("hung");
    }

    private static OAuth2AccessToken expiredAccessToken() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER, "access", issued, issued.plus(Duration.ofHours(1)));
    }

    private <T> T within(ThrowingSupplier<T> call) {
        T result = assertTimeoutPreemptively(BOUND, call);
        assertThat(hung.connections()).as("the call reached the hung provider").isPositive();
        return result;
    }

    @Test
    void the_code_exchange_at_sign_in_fails_after_the_timeout() {
        ClientRegistration hungProvider = registration(hung.url());
        OAuth2AuthorizationRequest asked = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(hung.url() + "/authorize")
                .clientId("stateset-console")
                .redirectUri("http://localhost/login/oauth2/code/hung")
                .state("state-1")
                .build();
        OAuth2AuthorizationResponse answered = OAuth2AuthorizationResponse.success("code-1")
                .redirectUri("http://localhost/login/oauth2/code/hung")
                .state("state-1")
                .build();
        Throwable refused = within(() -> catchThrowable(() -> calls.codeExchange()
                .getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(
                        hungProvider, new OAuth2AuthorizationExchange(asked, answered)))));
        assertThat(refused)
                .isInstanceOf(OAuth2AuthorizationException.class)
                .hasMessageContaining("invalid_token_response")
                .hasStackTraceContaining("Read timed out");
    }

    @Test
    void the_refresh_and_the_user_info_read_of_a_re_check_fail_after_the_timeout() {
        ClientRegistration hungProvider = registration(hung.url());
        assertThat(within(() -> catchThrowable(() -> calls.refresh()
                        .getTokenResponse(new OAuth2RefreshTokenGrantRequest(
                                hungProvider, expiredAccessToken(), new OAuth2RefreshToken("refresh", null))))))
                .isInstanceOf(OAuth2AuthorizationException.class)
                .hasStackTraceContaining("Read timed out");
        assertThat(within(() -> catchThrowable(
                        () -> calls.userInfo().loadUser(new OAuth2UserRequest(hungProvider, expiredAccessToken())))))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .hasStackTraceContaining("Read timed out");
    }

    @Test
    void the_signing_keys_for_an_id_token_are_fetched_within_the_timeout() {
        String header = base64("{\"alg\":\"RS256\",\"kid\":\"key-1\"}");
        String claims = base64("{\"iss\":\"" + hung.url() + "\",\"sub\":\"tess\",\"aud\":\"stateset-console\"}");
        String idToken = header + "." + claims + "." + base64("not a signature");
        Throwable refused = within(() -> catchThrowable(() ->
                calls.idTokenDecoders().createDecoder(registration(hung.url())).decode(idToken)));
        assertThat(refused).isInstanceOf(JwtException.class).hasStackTraceContaining("Read timed out");
    }

    @Test
    void a_re_check_the_provider_does_not_answer_keeps_the_session_and_one_it_refuses_ends_it() throws Exception {
        Throwable unanswered = within(() -> catchThrowable(() -> recheckAgainst(hung.url())));
        assertThat(unanswered)
                .as("no verdict on the person: the filter keeps the session and asks again")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not answer the refresh");

        // A provider that answers: the refresh token is no longer good (the person was disabled or signed out there).
        HttpServer refusing = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        refusing.createContext("/token", exchange -> {
            byte[] body = "{\"error\":\"invalid_grant\",\"error_description\":\"Session not active\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        refusing.start();
        try {
            assertThat(recheckAgainst(
                            "http://127.0.0.1:" + refusing.getAddress().getPort()))
                    .isEmpty();
        } finally {
            refusing.stop(0);
        }
    }

    /** A signed-in session whose access token expired, re-checked as the console does, against this provider. */
    private Optional<Authentication> recheckAgainst(String base) {
        ProviderRegistrations registrations = registrations(base);
        ClientRegistration provider = registrations.findByRegistrationId("hung");
        HttpSessionOAuth2AuthorizedClientRepository authorizedClients =
                new HttpSessionOAuth2AuthorizedClientRepository();
        OidcSignIn signIn = new OidcSignIn(
                registrations,
                new OidcProperties("groups", "preferred_username", Map.of(), Map.of(), null, null),
                null, // never reached: the refresh fails first
                OidcConfiguration.authorizedClientManager(registrations, authorizedClients, calls),
                null,
                calls);
        Instant now = Instant.now();
        OidcIdToken idToken = new OidcIdToken(
                "id-token", now.minusSeconds(60), now.plusSeconds(3600), Map.of("sub", "tess", "iss", base));
        ConsoleOidcUser tess =
                new ConsoleOidcUser(new ConsoleUserDetails(7, "tess", "", true, false, "hung"), idToken, null);
        OAuth2AuthenticationToken signedIn = new OAuth2AuthenticationToken(tess, tess.getAuthorities(), "hung");
        MockHttpServletRequest request = new MockHttpServletRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();
        authorizedClients.saveAuthorizedClient(
                new OAuth2AuthorizedClient(provider, "tess", expiredAccessToken(), new OAuth2RefreshToken("r", null)),
                signedIn,
                request,
                response);
        return signIn.recheck(signedIn, tess, request, response);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
