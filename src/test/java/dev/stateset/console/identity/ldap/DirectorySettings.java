package dev.stateset.console.identity.ldap;

import java.time.Duration;

/** The directory settings the connection tests vary (where, TLS, trust, timeouts), the rest as the defaults. */
final class DirectorySettings {

    private DirectorySettings() {}

    static LdapProperties of(
            String url,
            boolean startTls,
            String managerDn,
            String managerPassword,
            String trustStore,
            String trustStorePassword,
            Duration timeout) {
        return new LdapProperties(
                url,
                startTls,
                managerDn,
                managerPassword,
                "ou=people",
                "(uid={0})",
                "",
                "(member={0})",
                "cn",
                "cn",
                "Test directory",
                trustStore,
                trustStorePassword,
                timeout,
                timeout);
    }
}
