package dev.stateset.console.identity.oidc;

import dev.stateset.console.identity.ExternalSignIn;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.oauth2.client.ConditionalOnOAuth2ClientRegistrationProperties;
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
 * (each read from its provider's discovery document when first needed: {@link ProviderRegistrations}); nothing when
 * none is.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OidcProperties.class, OAuth2ClientProperties.class})
class OidcConfiguration {

    @Bean
    ProviderCalls providerCalls(OidcProperties settings) {
        return new ProviderCalls(settings.connectTimeout(), settings.readTimeout());
    }

    /** Replaces Spring Boot's repository, which reads every provider before the start and stops it if one is down. */
    @Bean
    @ConditionalOnOAuth2ClientRegistrationProperties
    ProviderRegistrations clientRegistrationRepository(OAuth2ClientProperties properties, OidcProperties settings) {
        return new ProviderRegistrations(
                properties, settings.connectTimeout(), Duration.ofSeconds(10), Clock.systemUTC());
    }

    /** Spring Security's OpenID login takes the ID-token decoders from this bean. */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders(ProviderCalls calls) {
        return calls.idTokenDecoders();
    }

    @Bean
    OidcSignIn oidcSignIn(
            ProviderCalls calls,
            ObjectProvider<ProviderRegistrations> registrations,
            ObjectProvider<OAuth2AuthorizedClientRepository> authorizedClients,
            OidcProperties settings,
            ExternalSignIn signIn,
            dev.stateset.console.identity.LoginAudit logins) {
        ProviderRegistrations repository = registrations.getIfAvailable();
        OAuth2AuthorizedClientManager manager = repository == null || authorizedClients.getIfAvailable() == null
                ? null
                : authorizedClientManager(repository, authorizedClients.getIfAvailable(), calls);
        return new OidcSignIn(repository, settings, signIn, manager, logins, calls);
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
