package dev.stateset.console.identity.ldap;

import dev.stateset.console.identity.ExternalSignIn;
import dev.stateset.console.security.ExternalLoginMethod;
import dev.stateset.console.security.ExternalLoginMethods;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.ldap.core.support.DefaultTlsDirContextAuthenticationStrategy;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;

/** The directory, when {@code stateset.ldap.url} names one. */
@Configuration
@EnableConfigurationProperties(LdapProperties.class)
@ConditionalOnExpression("!'${stateset.ldap.url:}'.isBlank()")
class LdapConfiguration {

    @Bean
    DefaultSpringSecurityContextSource ldapContextSource(LdapProperties settings) {
        return contextSource(settings);
    }

    /** Connections to the directory as configured: TLS by {@code ldaps://} or StartTLS, trusting its trust store. */
    static DefaultSpringSecurityContextSource contextSource(LdapProperties settings) {
        DefaultSpringSecurityContextSource context = new DefaultSpringSecurityContextSource(settings.url());
        if (!settings.managerDn().isBlank()) {
            context.setUserDn(settings.managerDn());
            context.setPassword(settings.managerPassword());
        }
        SSLSocketFactory trusted = settings.trustStore().isBlank()
                ? null
                : LdapTrust.socketFactory(settings.trustStore(), settings.trustStorePassword());
        if (settings.startTls()) {
            DefaultTlsDirContextAuthenticationStrategy tls = new DefaultTlsDirContextAuthenticationStrategy();
            if (trusted != null) {
                tls.setSslSocketFactory(trusted);
            }
            context.setAuthenticationStrategy(tls);
        }
        // Java's LDAP client waits forever by default. With a connect timeout it also finishes an ldaps:// handshake
        // before anything is sent, so an untrusted certificate fails there (and not on the first request).
        if (settings.connectTimeout().toMillis() <= 0 || settings.readTimeout().toMillis() <= 0) {
            throw new IllegalStateException(
                    "stateset.ldap.connect-timeout and stateset.ldap.read-timeout must be positive (0 waits for ever)");
        }
        Map<String, Object> environment = new HashMap<>();
        environment.put(
                "com.sun.jndi.ldap.connect.timeout",
                Long.toString(settings.connectTimeout().toMillis()));
        environment.put(
                "com.sun.jndi.ldap.read.timeout",
                Long.toString(settings.readTimeout().toMillis()));
        if (!settings.startTls() && trusted != null && settings.url().startsWith("ldaps:")) {
            LdapTrust.use(trusted);
            environment.put("java.naming.ldap.factory.socket", LdapTrust.class.getName());
        }
        context.setBaseEnvironmentProperties(environment);
        context.setPooled(false); // pooled connections would keep a user's bind
        context.afterPropertiesSet();
        return context;
    }

    @Bean
    LdapDirectory ldapDirectory(
            LdapProperties settings, DefaultSpringSecurityContextSource ldapContextSource, ExternalSignIn signIn) {
        return new LdapDirectory(settings, ldapContextSource, signIn);
    }

    @Bean
    DirectoryTokenHolders directoryTokenHolders(
            dev.stateset.console.security.ExternalAccounts accounts, LdapDirectory ldapDirectory) {
        return new DirectoryTokenHolders(accounts, ldapDirectory);
    }

    @Bean
    ExternalLoginMethods ldapLoginMethod(LdapProperties settings) {
        return () -> java.util.List.of(new ExternalLoginMethod(LdapDirectory.ORIGIN, settings.label(), null));
    }
}
