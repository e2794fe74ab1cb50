package dev.stateset.console.identity.oidc;

import dev.stateset.console.identity.ExternalSignIn;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * OpenID Connect sign-in, for every provider registered in {@code spring.security.oauth2.client.registration.*}
 * (Spring Boot builds the registrations, reading each provider's discovery document); nothing when none is.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
class OidcConfiguration {

    @Bean
    OidcSignIn oidcSignIn(
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2ClientProperties> clients,
            ObjectProvider<OAuth2AuthorizedClientRepository> authorizedClients,
            OidcProperties settings,
            ExternalSignIn signIn,
            dev.stateset.console.identity.LoginAudit logins) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        OAuth2ClientProperties properties = clients.getIfAvailable();
        List<String> ids = new ArrayList<>();
        if (repository != null && properties != null) {
            ids.addAll(properties.getRegistration().keySet());
        }
        OAuth2AuthorizedClientManager manager = null;
        if (repository != null && authorizedClients.getIfAvailable() != null) {
            DefaultOAuth2AuthorizedClientManager refreshing =
                    new DefaultOAuth2AuthorizedClientManager(repository, authorizedClients.getIfAvailable());
            refreshing.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                    .authorizationCode()
                    .refreshToken()
                    .build());
            manager = refreshing;
        }
        return new OidcSignIn(repository, ids, settings, signIn, manager, logins);
    }
}
