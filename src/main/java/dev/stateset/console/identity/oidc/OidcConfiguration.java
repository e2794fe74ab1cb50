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
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

/**
 * OpenID Connect sign-in, for every provider registered in {@code spring.security.oauth2.client.registration.*}
 * (Spring Boot builds the registrations, reading each provider's discovery document); nothing when none is.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
class OidcConfiguration {

    @Bean
    ProviderCalls providerCalls(OidcProperties settings) {
        return new ProviderCalls(settings.connectTimeout(), settings.readTimeout());
    }

    /** Spring Security's OpenID login takes the ID-token decoders from this bean. */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders(ProviderCalls calls) {
        return calls.idTokenDecoders();
    }

    @Bean
    OidcSignIn oidcSignIn(
            ProviderCalls calls,
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
        OAuth2AuthorizedClientManager manager = repository == null || authorizedClients.getIfAvailable() == null
                ? null
                : authorizedClientManager(repository, authorizedClients.getIfAvailable(), calls);
        return new OidcSignIn(repository, ids, settings, signIn, manager, logins, calls);
    }

    /** Refreshes a session's access token (within the provider calls' timeouts) for its re-check. */
    static OAuth2AuthorizedClientManager authorizedClientManager(
            ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients,
            ProviderCalls calls) {
        DefaultOAuth2AuthorizedClientManager refreshing =
                new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        refreshing.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.accessTokenResponseClient(calls.refresh()))
                .build());
        return refreshing;
    }
}
