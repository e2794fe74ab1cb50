package dev.stateset.console.identity.ldap;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the directory trusting a trust store of the console's own (a private certificate authority), not the JVM's.
 * Java's LDAP client takes a socket factory only by class name ({@code java.naming.ldap.factory.socket}) and calls its
 * static {@code getDefault()}: this class is that factory, handing out the one the configuration built.
 */
public final class LdapTrust extends SocketFactory {

    private static volatile SSLSocketFactory trusted = (SSLSocketFactory) SSLSocketFactory.getDefault();

    /** Called by Java's LDAP client. */
    public static SocketFactory getDefault() {
        return new LdapTrust();
    }

    static void use(SSLSocketFactory factory) {
        trusted = factory;
    }

    /** A TLS socket factory trusting exactly the certificates of the store (PKCS12 or JKS, by its content). */
    static SSLSocketFactory socketFactory(String trustStore, String password) {
        try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password.isEmpty() ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "stateset.ldap.trust-store " + trustStore + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Socket createSocket() throws IOException {
        return trusted.createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return trusted.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return trusted.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return trusted.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return trusted.createSocket(address, port, localAddress, localPort);
    }
}
