package dev.stateset.console.identity.ldap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.ldap.*}: sign-in against an LDAP directory or Active Directory (bind authentication). Off unless
 * {@code url} is set.
 *
 * @param url               {@code ldap://host:389/dc=example,dc=com} or {@code ldaps://…} (TLS; the JVM's trust store,
 *                          or {@code trustStore}, must trust the directory's certificate)
 * @param startTls          upgrade an {@code ldap://} connection with StartTLS before any password is sent
 * @param managerDn         the account that searches users and groups (empty: anonymous searches)
 * @param managerPassword   its password: from the environment ({@code STATESET_LDAP_MANAGER_PASSWORD}); the prod
 *                          profile refuses one written in a file
 * @param userSearchBase    where users are searched, relative to the URL's base ({@code ou=people})
 * @param userSearchFilter  {0} is the name typed: {@code (uid={0})}; Active Directory: {@code (sAMAccountName={0})}
 * @param groupSearchBase   where groups are searched ({@code ou=groups})
 * @param groupSearchFilter {0} is the user's full DN, {1} the name: {@code (member={0})}; {@code (memberUid={1})} for
 *                          posixGroup
 * @param groupNameAttribute the attribute that names a group in mappings ({@code cn})
 * @param displayNameAttribute the user's attribute shown as their name ({@code cn}; {@code displayName} in AD)
 * @param label             how the login page names the directory
 * @param trustStore        a PKCS12 (or JKS) trust store with the certificate authority of the directory's TLS
 *                          certificate, when the JVM's own does not have it (a private CA); empty: the JVM's
 * @param trustStorePassword its password, if it has one
 * @param connectTimeout    how long to wait for the directory to accept a connection and finish its TLS handshake
 * @param readTimeout       how long to wait for any one answer: a directory that hangs refuses sign-ins after this
 *                          instead of holding the request (and the login page) forever
 */
@ConfigurationProperties(prefix = "stateset.ldap")
public record LdapProperties(
        String url,
        @DefaultValue("false") boolean startTls,
        @DefaultValue("") String managerDn,
        @DefaultValue("") String managerPassword,
        @DefaultValue("") String userSearchBase,
        @DefaultValue("(uid={0})") String userSearchFilter,
        @DefaultValue("") String groupSearchBase,
        @DefaultValue("(member={0})") String groupSearchFilter,
        @DefaultValue("cn") String groupNameAttribute,
        @DefaultValue("cn") String displayNameAttribute,
        @DefaultValue("Company directory") String label,
        @DefaultValue("") String trustStore,
        @DefaultValue("") String trustStorePassword,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {}
