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

/** Failed logins are limited per user (10 in 5 minutes here) with a clear message; a successful login resets the count. */
@RunningConsoleTest
class LoginThrottleTest {

    @LocalServerPort int port;
    @Autowired UserService users;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void ten_failures_block_the_user_even_with_the_right_password() throws Exception {
        String name = newUser();
        for (int i = 0; i < 10; i++) {
            assertThat(basic(name, "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = basic(name, "the-right-password");
        assertThat(blocked.statusCode()).isEqualTo(401);
        assertThat(blocked.body()).contains("Too many failed logins; try again in 5 minutes");
    }

    @Test
    void a_successful_login_resets_the_count() throws Exception {
        String name = newUser();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 9; i++) {
                assertThat(basic(name, "wrong-password-" + i).statusCode()).isEqualTo(401);
            }
            assertThat(basic(name, "the-right-password").statusCode()).as("round %d", round).isEqualTo(200);
        }
    }

    private String newUser() {
        String name = "throttle" + UUID.randomUUID().toString().substring(0, 6);
        SystemIdentity.run(() -> users.create(new NewUser(name, "", "the-right-password", false)));
        return name;
    }

    private HttpResponse<String> basic(String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/workspaces"))
                .header("Authorization", "Basic " + auth).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
