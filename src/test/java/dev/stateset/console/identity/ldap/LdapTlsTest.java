package dev.stateset.console.identity.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;

/**
 * The directory over TLS, as the console's configuration connects: {@code ldaps://} and StartTLS against a real LDAP
 * server (UnboundID in memory) with a certificate of a certificate authority only the console's trust store knows. A
 * connection that does not trust it is refused: the password never travels in the clear or to an impostor.
 */
class LdapTlsTest {

    static final String BASE = "dc=tls,dc=test";
    static final String MANAGER = "cn=manager," + BASE;
    static final String SECRET = "Tls-test-pass-1";

    @TempDir
    static Path keys;

    static InMemoryDirectoryServer server;
    static Path trustStore;

    @BeforeAll
    static void directoryWithTls() throws Exception {
        Path keyStore = keys.resolve("directory.p12");
        trustStore = keys.resolve("console-trust.p12");
        Path certificate = keys.resolve("directory.crt");
        keytool(
                "-genkeypair",
                "-alias",
                "directory",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                SECRET,
                "-keypass",
                SECRET);
        keytool(
                "-exportcert",
                "-alias",
                "directory",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                SECRET,
                "-rfc",
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "directory",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                SECRET);

        SSLUtil serverTls = new SSLUtil(
                new KeyStoreKeyManager(keyStore.toFile(), SECRET.toCharArray(), "PKCS12", "directory"), null);
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(MANAGER, SECRET);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig(
                        "ldaps", loopback, 0, serverTls.createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig("starttls", loopback, 0, serverTls.createSSLSocketFactory()));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: tls");
        server.add("dn: ou=people," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
        server.add(
                "dn: uid=tess,ou=people," + BASE,
                "objectClass: top",
                "objectClass: inetOrgPerson",
                "uid: tess",
                "cn: Tess Tester",
                "sn: Tester",
                "userPassword: " + SECRET);
        server.startListening();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.shutDown(true);
        }
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
    }

    private static LdapProperties settings(String url, boolean startTls, String trust) {
        return DirectorySettings.of(
                url, startTls, MANAGER, SECRET, trust, trust.isEmpty() ? "" : SECRET, Duration.ofSeconds(10));
    }

    private static DirContextOperations bind(LdapProperties settings, String password) {
        DefaultSpringSecurityContextSource context = LdapConfiguration.contextSource(settings);
        BindAuthenticator authenticator = new BindAuthenticator(context);
        authenticator.setUserSearch(new FilterBasedLdapUserSearch("ou=people", "(uid={0})", context));
        return authenticator.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("tess", password));
    }

    @Test
    void ldaps_with_the_consoles_trust_store_signs_in_and_without_it_is_refused() {
        String url = "ldaps://127.0.0.1:" + server.getListenPort("ldaps") + "/" + BASE;
        assertThat(bind(settings(url, false, trustStore.toString()), SECRET).getNameInNamespace())
                .isEqualTo("uid=tess,ou=people," + BASE);
        assertThatThrownBy(() -> bind(settings(url, false, trustStore.toString()), "wrong-password"))
                .isInstanceOf(org.springframework.security.authentication.BadCredentialsException.class);
        // The JVM's own trust store does not know this authority: the handshake fails before anything is sent.
        assertThatThrownBy(() -> bind(settings(url, false, ""), SECRET))
                .hasStackTraceContaining("PKIX path building failed");
    }

    @Test
    void start_tls_with_the_consoles_trust_store_signs_in_and_without_it_is_refused() {
        String url = "ldap://127.0.0.1:" + server.getListenPort("starttls") + "/" + BASE;
        assertThat(bind(settings(url, true, trustStore.toString()), SECRET).getNameInNamespace())
                .isEqualTo("uid=tess,ou=people," + BASE);
        assertThatThrownBy(() -> bind(settings(url, true, ""), SECRET))
                .hasStackTraceContaining("PKIX path building failed");
    }

    @Test
    void an_unreadable_trust_store_stops_the_start_with_its_name() throws Exception {
        Path garbage = Files.writeString(keys.resolve("garbage.p12"), "not a key store");
        assertThatThrownBy(() -> LdapConfiguration.contextSource(
                        settings("ldaps://127.0.0.1:1/" + BASE, false, garbage.toString())))
                .hasMessageContaining("stateset.ldap.trust-store " + garbage);
    }
}
