package dev.stateset.console.identity.ldap;

import dev.stateset.console.identity.ExternalSignIn;
import dev.stateset.console.security.ExternalLoginMethod;
import dev.stateset.console.security.ExternalLoginMethods;
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
        DefaultSpringSecurityContextSource context = new DefaultSpringSecurityContextSource(settings.url());
        if (!settings.managerDn().isBlank()) {
            context.setUserDn(settings.managerDn());
            context.setPassword(settings.managerPassword());
        }
        if (settings.startTls()) {
            context.setAuthenticationStrategy(new DefaultTlsDirContextAuthenticationStrategy());
        }
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
    ExternalLoginMethods ldapLoginMethod(LdapProperties settings) {
        return () -> java.util.List.of(new ExternalLoginMethod(LdapDirectory.ORIGIN, settings.label(), null));
    }
}
