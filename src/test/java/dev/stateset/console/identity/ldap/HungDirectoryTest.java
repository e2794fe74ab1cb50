package dev.stateset.console.identity.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A directory that accepts connections and never answers (a hung server, a firewall that swallows packets after the
 * handshake): a sign-in is refused once the configured timeout has passed instead of holding the request, and with
 * it a server thread and the person at the login page, for ever, which is what Java's LDAP client does by default.
 */
class HungDirectoryTest {

    private ServerSocket hung;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void aDirectoryThatNeverAnswers() throws IOException {
        hung = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(hung.accept()); // kept open, never read, never written
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void release() throws Exception {
        hung.close();
        for (Socket socket : held) {
            socket.close();
        }
        acceptor.join(10_000);
    }

    private LdapDirectory directory(String url) {
        return directory(url, Duration.ofSeconds(1));
    }

    private LdapDirectory directory(String url, Duration timeout) {
        LdapProperties settings =
                DirectorySettings.of(url, false, "cn=manager,dc=hung,dc=test", "Hung-test-pass-1", "", "", timeout);
        // The sign-in never gets past the directory, so nothing signs anyone in here.
        return new LdapDirectory(settings, LdapConfiguration.contextSource(settings), null);
    }

    private Throwable signInWithin(LdapDirectory directory, Duration bound) {
        // The bound only proves that the call returns: its own timeout is 1 s, the bound is far beyond any load.
        return assertTimeoutPreemptively(
                bound, () -> catchThrowable(() -> directory.authenticate("tess", "Hung-test-pass-1")));
    }

    @Test
    void a_directory_that_never_answers_refuses_the_sign_in_after_the_read_timeout() {
        Throwable refused = signInWithin(
                directory("ldap://127.0.0.1:" + hung.getLocalPort() + "/dc=hung,dc=test"), Duration.ofSeconds(60));
        assertThat(refused).isInstanceOf(org.springframework.ldap.NamingException.class);
        assertThat(refused).hasStackTraceContaining("read timed out");
        assertThat(held).isNotEmpty(); // it did reach the hung directory
    }

    @Test
    void a_directory_that_never_finishes_its_tls_handshake_refuses_the_sign_in_after_the_connect_timeout() {
        Throwable refused = signInWithin(
                directory("ldaps://127.0.0.1:" + hung.getLocalPort() + "/dc=hung,dc=test"), Duration.ofSeconds(60));
        assertThat(refused).isInstanceOf(org.springframework.ldap.NamingException.class);
        assertThat(refused).hasStackTraceContaining("Read timed out");
        assertThat(held).isNotEmpty();
    }

    @Test
    void a_timeout_of_zero_which_would_wait_for_ever_stops_the_start() {
        assertThat(catchThrowable(() -> directory("ldap://127.0.0.1:" + hung.getLocalPort(), Duration.ZERO)))
                .hasMessageContaining("stateset.ldap.connect-timeout and stateset.ldap.read-timeout must be positive");
    }
}
