package dev.stateset.console.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.HungListener;
import dev.stateset.console.support.ListeningSockets;
import dev.stateset.console.support.PackagedConsole;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The jar this build produced, extracted and started with {@code java -jar} exactly as the Docker image's entry
 * point does: it serves, runs the demo jobs on its embedded Flink (job jar built from the packaged classes and
 * uploaded) and completes a snapshot. Its single sign-on provider hangs all along: the console starts, local users
 * sign in (break-glass), and "Sign in with …" says the provider cannot be reached.
 */
class PackagedConsoleIT {

    static final String ADMIN = "admin:packaged-admin-password-1";

    @Test
    void the_extracted_jar_starts_runs_flink_jobs_and_completes_a_snapshot() throws Exception {
        String provider = "--spring.security.oauth2.client.";
        try (HungListener companyProvider = new HungListener("hung-openid-provider");
                PackagedConsole console = PackagedConsole.prepare(
                        "packaged-it",
                        "--stateset.bootstrap.admin-password=packaged-admin-password-1",
                        // Single sign-on whose provider hangs from the start: the console starts all the same.
                        provider + "registration.company.client-id=stateset",
                        provider + "registration.company.client-secret=Packaged-secret-1",
                        provider + "registration.company.client-name=Company SSO",
                        provider + "provider.company.issuer-uri=" + companyProvider.url())) {
            ApiClient api = console.start();
            HttpResponse<String> signIn = api.call("GET", "/oauth2/authorization/company", null, null);
            assertThat(signIn.statusCode())
                    .as("'Sign in with Company SSO' while it does not answer: back to the login page, which says so")
                    .isEqualTo(302);
            assertThat(signIn.headers().firstValue("Location").orElse("")).endsWith("/login?error");
            assertThat(companyProvider.connections())
                    .as("the console asked the provider")
                    .isPositive();

            JsonNode workspaces = api.expect(api.call("GET", "/api/v1/workspaces", ADMIN, null), 200);
            long ws = workspaces.get(0).path("id").asLong();
            String jobs = "/api/v1/workspaces/" + ws + "/jobs";
            long job = Await.until(
                    Duration.ofSeconds(120),
                    "a demo job RUNNING on the packaged console's Flink",
                    () -> {
                        for (JsonNode j : api.expect(api.call("GET", jobs, ADMIN, null), 200)) {
                            if (j.path("name").asText().equals("keyed-counter")
                                    && j.path("status").asText().equals("RUNNING")) {
                                return j.path("id").asLong();
                            }
                        }
                        return -1L;
                    },
                    id -> id > 0);
            String snapshots = jobs + "/" + job + "/snapshots";
            long id = api.expect(
                            api.call(
                                    "POST",
                                    snapshots,
                                    ADMIN,
                                    "{\"format\":\"CANONICAL\",\"description\":\"packaged\"}"),
                            202)
                    .path("id")
                    .asLong();
            JsonNode done = Await.until(
                    Duration.ofSeconds(60),
                    "snapshot " + id,
                    () -> api.expect(api.call("GET", snapshots + "/" + id, ADMIN, null), 200),
                    s -> !s.path("status").asText().equals("IN_PROGRESS"));
            assertThat(done.path("status").asText())
                    .as("cause: %s", done.path("failureCause").asText())
                    .isEqualTo("COMPLETED");
            assertThat(api.call("GET", "/login", null, null).body())
                    .as("the production frontend bundle is served")
                    .contains("<html");

            // Only the console's own HTTP port may face the network; everything the embedded Flink opens (REST, BLOB
            // server, RPC, data exchange) listens on loopback.
            List<InetSocketAddress> listening = ListeningSockets.of(console.pid());
            assertThat(listening)
                    .as("listening sockets of the console process")
                    .isNotEmpty()
                    .anySatisfy(a -> assertThat(a.getPort()).isEqualTo(console.port()));
            assertThat(listening.stream().filter(a -> a.getPort() != console.port()))
                    .as("sockets other than the console's HTTP port %d, all of %s", console.port(), listening)
                    .allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress())
                            .as("%s is on loopback", a)
                            .isTrue());
        }
    }
}
