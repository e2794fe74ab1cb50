package dev.stateset.console.identity.oidc;

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
 */
@ConfigurationProperties(prefix = "stateset.oidc")
public record OidcProperties(
        @DefaultValue("groups") String groupsClaim,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue Map<String, String> labels,
        @DefaultValue Map<String, Provider> providers) {

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
