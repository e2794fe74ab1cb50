package dev.stateset.console.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real LDAP directory for the running console's tests: UnboundID's in-memory directory server on a loopback port,
 * one per JVM, with the console's {@code stateset.ldap.*} pointing at it. Each test adds its own people and groups
 * (unique names), so tests sharing the console do not see each other's.
 */
public final class TeamDirectory {

    public static final String BASE = "dc=stateset,dc=test";
    public static final String MANAGER = "cn=manager," + BASE;
    public static final String MANAGER_PASSWORD = "Manager-pass-1";
    public static final String PASSWORD = "Directory-pass-1";

    private static InMemoryDirectoryServer server;

    private TeamDirectory() {}

    /** Starts the directory (once) and tells the console where it is. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            int port = start().getListenPort();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "team-directory",
                            Map.of(
                                    "stateset.ldap.url",
                                    "ldap://127.0.0.1:" + port + "/" + BASE,
                                    "stateset.ldap.manager-dn",
                                    MANAGER,
                                    "stateset.ldap.manager-password",
                                    MANAGER_PASSWORD,
                                    "stateset.ldap.user-search-base",
                                    "ou=people",
                                    "stateset.ldap.group-search-base",
                                    "ou=groups",
                                    "stateset.ldap.label",
                                    "Test directory")));
        }
    }

    static synchronized InMemoryDirectoryServer start() {
        if (server == null) {
            try {
                InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
                config.addAdditionalBindCredentials(MANAGER, MANAGER_PASSWORD);
                config.addInMemoryOperationInterceptor(new Stalls());
                config.setListenerConfigs(
                        InMemoryListenerConfig.createLDAPConfig("default", InetAddress.getLoopbackAddress(), 0, null));
                InMemoryDirectoryServer started = new InMemoryDirectoryServer(config);
                started.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: stateset");
                started.add(
                        "dn: ou=people," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
                started.add(
                        "dn: ou=groups," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: groups");
                started.startListening();
                server = started;
            } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
                throw new IllegalStateException("The in-memory directory did not start", e);
            }
        }
        return server;
    }

    private static volatile java.util.concurrent.CountDownLatch stalled;
    private static final java.util.concurrent.atomic.AtomicInteger STALLED_CALLS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * From now until {@link Stall#close()}: the directory takes every bind and search and does not answer it (a
     * directory that hangs); the console must give up on it and say so.
     */
    public static Stall stall() {
        STALLED_CALLS.set(0);
        stalled = new java.util.concurrent.CountDownLatch(1);
        return new Stall();
    }

    /** A stall of the directory; closing it answers the requests held. */
    public static final class Stall implements AutoCloseable {
        /** Requests the directory took and is holding (or held). */
        public int calls() {
            return STALLED_CALLS.get();
        }

        @Override
        public void close() {
            java.util.concurrent.CountDownLatch held = stalled;
            stalled = null;
            if (held != null) {
                held.countDown();
            }
        }
    }

    /** Holds binds and searches while a test stalls the directory. */
    private static final class Stalls extends com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor {
        @Override
        public void processSimpleBindRequest(
                com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest request) {
            hold();
        }

        @Override
        public void processSearchRequest(
                com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest request) {
            hold();
        }

        private static void hold() {
            java.util.concurrent.CountDownLatch held = stalled;
            if (held != null) {
                STALLED_CALLS.incrementAndGet();
                try {
                    held.await(5, java.util.concurrent.TimeUnit.MINUTES); // released by the test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A person of the directory with {@link #PASSWORD}, named {@code prefix} plus a unique tail; returns the name. */
    public static String person(String prefix) {
        return personNamed(prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
    }

    /** A person with exactly this name (once per JVM). */
    public static String personNamed(String uid) {
        String prefix = uid.replaceAll("-.*", "");
        add(
                "dn: " + dn(uid),
                "objectClass: top",
                "objectClass: person",
                "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson",
                "uid: " + uid,
                "cn: " + prefix + " Tester",
                "sn: Tester",
                "userPassword: " + PASSWORD);
        return uid;
    }

    /** A group (groupOfNames) with these people, named {@code prefix} plus a unique tail; returns its name. */
    public static String group(String prefix, String... uids) {
        String cn = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        String[] lines = new String[4 + Math.max(uids.length, 1)];
        lines[0] = "dn: cn=" + cn + ",ou=groups," + BASE;
        lines[1] = "objectClass: top";
        lines[2] = "objectClass: groupOfNames";
        lines[3] = "cn: " + cn;
        // groupOfNames needs a member: an empty group names the base.
        for (int i = 0; i < Math.max(uids.length, 1); i++) {
            lines[4 + i] = "member: " + (uids.length == 0 ? BASE : dn(uids[i]));
        }
        add(lines);
        return cn;
    }

    public static void removeFromGroup(String group, String uid) {
        modify(group, new Modification(ModificationType.DELETE, "member", dn(uid)));
    }

    public static void addToGroup(String group, String uid) {
        modify(group, new Modification(ModificationType.ADD, "member", dn(uid)));
    }

    public static String dn(String uid) {
        return "uid=" + uid + ",ou=people," + BASE;
    }

    private static void modify(String group, Modification modification) {
        try {
            start().modify("cn=" + group + ",ou=groups," + BASE, modification);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(String... ldif) {
        try {
            start().add(ldif);
        } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
            throw new IllegalStateException(e);
        }
    }
}
