package dev.stateset.console.identity.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stateset.console.support.HungListener;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A directory that accepts connections and never answers (a hung server, a firewall that swallows packets after the
 * handshake): a sign-in is refused once the configured timeout has passed instead of holding the request, and with
 * it a server thread and the person at the login page, for ever, which is what Java's LDAP client does by default.
 */
class HungDirectoryTest {

    private HungListener hung;

    @BeforeEach
    void aDirectoryThatNeverAnswers() {
        hung = new HungListener("hung-directory");
    }

    @AfterEach
    void release() throws Exception {
        hung.close();
    }

    private LdapDirectory directory(String scheme, boolean startTls, Duration timeout) {
        String url = scheme + "://127.0.0.1:" + hung.port() + "/dc=hung,dc=test";
        LdapProperties settings =
                DirectorySettings.of(url, startTls, "cn=manager,dc=hung,dc=test", "Hung-test-pass-1", "", "", timeout);
        // The sign-in never gets past the directory, so nothing signs anyone in here.
        return new LdapDirectory(settings, LdapConfiguration.contextSource(settings), null);
    }

    /** Signs in with 1 s timeouts; the 60 s bound only proves that the call returns, whatever the machine's load. */
    private Throwable signInTo(String scheme, boolean startTls) {
        LdapDirectory directory = directory(scheme, startTls, Duration.ofSeconds(1));
        Throwable refused = assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> catchThrowable(() -> directory.authenticate("tess", "Hung-test-pass-1")));
        assertThat(hung.connections()).isPositive(); // it did reach the hung directory
        return refused;
    }

    @Test
    void a_directory_that_never_answers_refuses_the_sign_in_after_the_read_timeout() {
        assertThat(signInTo("ldap", false))
                .isInstanceOf(org.springframework.ldap.NamingException.class)
                .hasStackTraceContaining("read timed out");
    }

    @Test
    void a_directory_that_never_finishes_its_tls_handshake_refuses_the_sign_in_after_the_connect_timeout() {
        assertThat(signInTo("ldaps", false))
                .isInstanceOf(org.springframework.ldap.NamingException.class)
                .hasStackTraceContaining("Read timed out");
    }

    @Test
    void a_directory_that_never_answers_start_tls_refuses_the_sign_in_after_the_read_timeout() {
        assertThat(signInTo("ldap", true))
                .isInstanceOf(org.springframework.ldap.NamingException.class)
                .hasStackTraceContaining("read timed out");
    }

    @Test
    void a_timeout_of_zero_which_would_wait_for_ever_stops_the_start() {
        assertThat(catchThrowable(() -> directory("ldap", false, Duration.ZERO)))
                .hasMessageContaining("stateset.ldap.connect-timeout and stateset.ldap.read-timeout must be positive");
    }
}
