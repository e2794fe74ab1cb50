package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.support.RunningConsoleTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every page is served with, and a login form that another site cannot submit. */
@RunningConsoleTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void pages_carry_a_content_security_policy_and_a_same_site_session_cookie() throws Exception {
        HttpResponse<String> login =
                HttpClient.newHttpClient().send(request("/login").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .contains("object-src 'none'")
                        .contains("form-action 'self'"));
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("JSESSIONID=")
                        .containsIgnoringCase("SameSite=Lax")
                        .containsIgnoringCase("HttpOnly"));
    }

    @Test
    void the_login_form_needs_the_pages_csrf_token() throws Exception {
        String form = "username=editor&password="
                + URLEncoder.encode(BootstrapProperties.DEMO_EDITOR_PASSWORD, StandardCharsets.UTF_8);

        HttpClient forged = cookieClient();
        forged.send(
                request("/login").GET().build(),
                HttpResponse.BodyHandlers.ofString()); // a session, but no token posted
        HttpResponse<String> withoutToken = forged.send(post(form), HttpResponse.BodyHandlers.ofString());
        // Refused: sent back to the login page (Vaadin's access-denied handling), not logged in and on to the app.
        assertThat(withoutToken.statusCode()).isIn(302, 403);
        assertThat(withoutToken.headers().firstValue("Location").orElse("/login"))
                .as("where a forged login POST goes")
                .endsWith("/login");
        HttpResponse<String> after = forged.send(request("/").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode())
                .as("the forged session is sent to the login page")
                .isEqualTo(302);
        assertThat(after.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpClient real = cookieClient();
        String page = real.send(request("/login").GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher token = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
        assertThat(token.find())
                .as("the login page carries its CSRF token for the form")
                .isTrue();
        HttpResponse<String> withToken = real.send(
                post(form + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error").doesNotEndWith("/login"));
        assertThat(real.send(request("/").GET().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("the real session is logged in and served the app")
                .isEqualTo(200);
    }

    private HttpRequest post(String form) {
        return request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private static HttpClient cookieClient() {
        return HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
