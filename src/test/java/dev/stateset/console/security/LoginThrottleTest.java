package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.support.RunningConsoleTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over HTTP: ten wrong passwords for an account from one address make that address wait, and the API says so with 429
 * and Retry-After (a script backs off instead of hammering). The rules themselves: {@link LoginThrottleRulesTest}.
 */
@RunningConsoleTest
class LoginThrottleTest {

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void ten_failures_from_one_address_answer_429_with_retry_after_even_with_the_right_password() throws Exception {
        String name = newUser();
        for (int i = 0; i < 10; i++) {
            assertThat(basic(name, "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = basic(name, "the-right-password");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 300L));
        assertThat(blocked.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(blocked.body()).contains("Too many failed logins; try again in");
    }

    @Test
    void the_owners_success_clears_the_count_of_her_address() throws Exception {
        String name = newUser();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(basic(name, "wrong-password-" + i).statusCode()).isEqualTo(401);
            }
            assertThat(basic(name, "the-right-password").statusCode())
                    .as("round %d", round)
                    .isEqualTo(200);
        }
    }

    private String newUser() {
        String name = "throttle" + UUID.randomUUID().toString().substring(0, 6);
        SystemIdentity.run(() -> users.create(new NewUser(name, "", "the-right-password", false)));
        return name;
    }

    private HttpResponse<String> basic(String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/workspaces"))
                        .header("Authorization", "Basic " + auth)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
