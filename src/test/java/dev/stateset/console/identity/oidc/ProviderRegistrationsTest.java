package dev.stateset.console.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.HungListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Providers read by their issuer's discovery document when needed, not before the start: one that is down or hangs
 * holds neither the start nor a request for longer than the wait, and one that comes back is used again.
 */
class ProviderRegistrationsTest {

    private static final Duration BOUND = Duration.ofSeconds(60); // proves a call returns, whatever the load

    private static void register(OAuth2ClientProperties properties, String id, String issuer) {
        OAuth2ClientProperties.Registration client = new OAuth2ClientProperties.Registration();
        client.setClientId("stateset-console");
        client.setClientSecret("Client-secret-1");
        client.setClientName(id + " SSO");
        client.setProvider(id);
        OAuth2ClientProperties.Provider provider = new OAuth2ClientProperties.Provider();
        provider.setIssuerUri(issuer);
        properties.getRegistration().put(id, client);
        properties.getProvider().put(id, provider);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void providers_that_are_down_or_hang_hold_neither_the_start_nor_a_request() throws Exception {
        try (HungListener hung = new HungListener("hung-issuer")) {
            OAuth2ClientProperties properties = new OAuth2ClientProperties();
            register(properties, "down", "http://127.0.0.1:" + closedPort());
            register(properties, "hung", hung.url());
            ProviderRegistrations registrations = assertTimeoutPreemptively(
                    BOUND,
                    () -> new ProviderRegistrations(
                            properties, Duration.ofSeconds(1), Duration.ofSeconds(10), Clock.systemUTC()));
            try {
                assertThat(registrations.ids()).containsExactlyInAnyOrder("down", "hung");
                assertThat(registrations.clientName("hung")).isEqualTo("hung SSO"); // the login page's button
                assertThat(assertTimeoutPreemptively(BOUND, () -> registrations.findByRegistrationId("down")))
                        .isNull();
                assertThat(assertTimeoutPreemptively(BOUND, () -> registrations.findByRegistrationId("hung")))
                        .as("a hung provider: no answer within the wait")
                        .isNull();
                assertThat(hung.connections()).isPositive();
                assertThat(registrations.findByRegistrationId("not-configured")).isNull();
                assertThat(registrations).isEmpty();
            } finally {
                registrations.destroy();
            }
        }
    }

    @Test
    void a_provider_that_comes_back_is_read_at_the_next_request_after_the_retry_interval() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        HttpServer provider = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        String issuer = "http://127.0.0.1:" + provider.getAddress().getPort();
        provider.createContext("/.well-known/openid-configuration", exchange -> {
            byte[] body = ("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                            + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                            + "\"userinfo_endpoint\":\"" + issuer + "/userinfo\","
                            + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(up.get() ? 200 : 503, up.get() ? body.length : -1);
            if (up.get()) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        provider.start();
        OAuth2ClientProperties properties = new OAuth2ClientProperties();
        register(properties, "company", issuer);
        ProviderRegistrations registrations =
                new ProviderRegistrations(properties, Duration.ofSeconds(5), Duration.ofMillis(200), Clock.systemUTC());
        try {
            assertThat(registrations.findByRegistrationId("company"))
                    .as("503 at the start")
                    .isNull();
            up.set(true);
            ClientRegistration company = Await.until(
                    Duration.ofSeconds(30),
                    "the provider read again once it answers",
                    () -> registrations.findByRegistrationId("company"),
                    found -> found != null);
            assertThat(company.getProviderDetails().getTokenUri()).isEqualTo(issuer + "/token");
            assertThat(company.getClientName()).isEqualTo("company SSO");
            assertThat(registrations).containsExactly(company);
        } finally {
            registrations.destroy();
            provider.stop(0);
        }
    }
}
