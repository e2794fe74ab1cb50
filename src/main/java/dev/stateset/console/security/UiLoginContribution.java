package dev.stateset.console.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Another way into the UI than the login form (OpenID Connect's authorization-code flow), added to the UI's filter
 * chain by the feature that provides it.
 */
public interface UiLoginContribution {

    void configure(HttpSecurity http) throws Exception;

    /** How a session this way in began ends at logout (at the provider too), or empty when it is not one of its own. */
    default java.util.Optional<org.springframework.security.web.authentication.logout.LogoutSuccessHandler>
            logoutSuccessHandler(org.springframework.security.core.Authentication signedIn) {
        return java.util.Optional.empty();
    }
}
