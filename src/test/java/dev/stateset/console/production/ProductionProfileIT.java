package dev.stateset.console.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.support.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console as production runs it ({@code prod} on PostgreSQL, behind a TLS-terminating proxy that sets
 * {@code X-Forwarded-Proto}): secure, HTTP-only, SameSite session cookies and HSTS on HTTPS, no H2 console.
 */
@Postgres.OnPostgres
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"stateset.bootstrap.admin-password=a-private-admin-password-1", "stateset.storage.type=local"})
@ActiveProfiles({"test", "prod"})
class ProductionProfileIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void behind_tls_cookies_are_secure_and_hsts_is_sent() throws Exception {
        Postgres.assertServes(dataSource);
        HttpResponse<String> viaProxy = get("/login", true);
        assertThat(viaProxy.statusCode()).isEqualTo(200);
        assertThat(viaProxy.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).contains("max-age="));
        List<String> cookies = viaProxy.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement()
                .satisfies(c ->
                        assertThat(c).contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));

        HttpResponse<String> plain = get("/login", false);
        assertThat(plain.headers().firstValue("Strict-Transport-Security"))
                .as("never on plain HTTP")
                .isEmpty();
    }

    @Test
    void there_is_no_h2_console_and_no_demo() throws Exception {
        assertThat(context.containsBean("h2Console")).isFalse();
        assertThat(get("/h2-console/", true).body()).doesNotContain("H2 Console");
        assertThat(context.getEnvironment().getProperty("stateset.demo.enabled"))
                .isEqualTo("false");
        assertThat(context.getEnvironment().getProperty("stateset.engine.embedded.enabled"))
                .isEqualTo("false");
    }

    @Test
    void every_secret_of_the_prod_profile_comes_from_the_environment_with_no_default() throws Exception {
        java.util.Properties prod = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/application-prod.properties")) {
            prod.load(in);
        }
        List<String> secrets = prod.stringPropertyNames().stream()
                .filter(k -> k.matches(".*(password|secret|access-key|datasource\\.url).*"))
                .sorted()
                .toList();
        assertThat(secrets)
                .contains(
                        "spring.datasource.password",
                        "spring.datasource.url",
                        "stateset.storage.s3.secret-key",
                        "stateset.storage.s3.access-key",
                        "stateset.alerts.webhook-secret",
                        "stateset.bootstrap.admin-password",
                        "stateset.ldap.manager-password");
        assertThat(secrets)
                .allSatisfy(key -> assertThat(prod.getProperty(key)).as(key).matches("\\$\\{STATESET_[A-Z0-9_]+:}"));
    }

    private HttpResponse<String> get(String path, boolean viaTlsProxy) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (viaTlsProxy) {
            request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
