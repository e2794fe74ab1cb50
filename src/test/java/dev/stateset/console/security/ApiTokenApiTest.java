package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.job.JobService;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Personal API tokens over real HTTP: Bearer works, carries the user's roles only, and revocation is immediate. */
@RunningConsoleTest
class ApiTokenApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserDetailsService users;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_token_authenticates_as_its_user_with_that_users_roles_until_it_is_revoked() throws Exception {
        Demo demo = Demo.find(workspaces, jobs);
        ApiTokenService.CreatedToken created = ActAs.call(users, "viewer", () -> tokens.create("ci pipeline", 30));
        assertThat(created.secret()).startsWith("sst_");
        assertThat(created.token().prefix()).isEqualTo(created.secret().substring(0, 10));

        assertThat(get("/api/v1/workspaces", created.secret()).statusCode()).isEqualTo(200);
        String snapshots =
                "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + demo.keyedCounterJobId() + "/snapshots";
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + snapshots))
                        .header("Authorization", "Bearer " + created.secret())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"format\":\"CANONICAL\",\"description\":\"\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode())
                .as("a viewer's token cannot create snapshots")
                .isEqualTo(403);
        assertThat(ActAs.call(users, "viewer", () -> tokens.mine()))
                .filteredOn(t -> t.id() == created.token().id())
                .singleElement()
                .satisfies(t -> assertThat(t.lastUsedAt()).isNotNull());

        ActAs.run(users, "viewer", () -> tokens.revoke(created.token().id()));
        assertThat(get("/api/v1/workspaces", created.secret()).statusCode())
                .as("revoked token")
                .isEqualTo(401);
        assertThat(get("/api/v1/workspaces", "sst_not-a-real-token").statusCode())
                .isEqualTo(401);
        assertThat(get("/api/v1/workspaces", created.secret()).headers().firstValue("Set-Cookie"))
                .isEmpty();
    }

    @Autowired
    UserService userService;

    /** Tokens are remembered for a few seconds (API benchmark); a change of their user must not wait for that. */
    @Test
    void a_remembered_token_follows_its_user_being_made_admin_and_disabled_at_once() throws Exception {
        String name = "token-user-" + System.nanoTime();
        long userId = ActAs.call(
                        users, "admin", () -> userService.create(new NewUser(name, "", "token-user-password-1", false)))
                .id();
        String secret =
                ActAs.call(users, name, () -> tokens.create("script", null)).secret();
        assertThat(get("/api/v1/users", secret).statusCode())
                .as("not an admin yet")
                .isEqualTo(403);

        ActAs.run(users, "admin", () -> userService.setAdmin(userId, true));
        assertThat(get("/api/v1/users", secret).statusCode()).as("made admin").isEqualTo(200);

        ActAs.run(users, "admin", () -> userService.setEnabled(userId, false));
        assertThat(get("/api/v1/workspaces", secret).statusCode())
                .as("disabled")
                .isEqualTo(401);
    }

    @Test
    void another_user_cannot_revoke_my_token() {
        ApiTokenService.CreatedToken created = ActAs.call(users, "viewer", () -> tokens.create("mine", null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ActAs.run(
                        users, "editor", () -> tokens.revoke(created.token().id())))
                .isInstanceOf(dev.stateset.console.base.ResourceNotFoundException.class);
        assertThat(tokens.authenticate(created.secret())).isPresent();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
