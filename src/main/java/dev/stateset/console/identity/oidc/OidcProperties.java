package dev.stateset.console.identity.oidc;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stateset.oidc.*}: how the console reads a person from an OpenID Connect provider's tokens. The providers
 * themselves are Spring Boot's {@code spring.security.oauth2.client.registration.<id>.*} and
 * {@code spring.security.oauth2.client.provider.<id>.issuer-uri} (README, "Single sign-on").
 *
 * @param groupsClaim   the claim that lists the person's groups ({@code groups}; Entra ID: {@code groups} or
 *                      {@code roles})
 * @param usernameClaim the claim that becomes the console user name ({@code preferred_username}; {@code email})
 * @param labels        how the login page names each provider, by registration id ("Keycloak"); the registration's
 *                      client name otherwise
 * @param providers     per registration id, a groups or username claim of its own
 * @param connectTimeout how long to wait for a provider to accept a connection
 * @param readTimeout   how long to wait for a provider's answer (code exchange, refresh, user-info, signing keys): a
 *                      provider that hangs then fails a sign-in, and a session re-check keeps the session
 */
@ConfigurationProperties(prefix = "stateset.oidc")
public record OidcProperties(
        @DefaultValue("groups") String groupsClaim,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue Map<String, String> labels,
        @DefaultValue Map<String, Provider> providers,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

    public record Provider(String groupsClaim, String usernameClaim) {}

    String groupsClaimOf(String registrationId) {
        Provider own = providers.get(registrationId);
        return own != null && own.groupsClaim() != null ? own.groupsClaim() : groupsClaim;
    }

    String usernameClaimOf(String registrationId) {
        Provider own = providers.get(registrationId);
        return own != null && own.usernameClaim() != null ? own.usernameClaim() : usernameClaim;
    }
}
