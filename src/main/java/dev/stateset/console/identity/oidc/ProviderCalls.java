package dev.stateset.console.identity.oidc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Every call the console makes to an OpenID Connect provider, each bounded by {@code stateset.oidc.connect-timeout}
 * and {@code read-timeout}: the code exchange at sign-in, the refresh and the user-info read of each session re-check,
 * the provider's signing keys. Spring Security's own clients wait for ever, so a provider that hangs would hold each
 * sign-in and each re-checked request, and with them the server's threads (DD015). Otherwise they are Spring's
 * defaults: the same converters and error handling, ID tokens signed with RS256.
 */
final class ProviderCalls {

    private final ClientHttpRequestFactory http;
    private final Map<String, JwtDecoder> idTokenDecoders = new ConcurrentHashMap<>();

    ProviderCalls(Duration connectTimeout, Duration readTimeout) {
        if (connectTimeout.toMillis() <= 0 || readTimeout.toMillis() <= 0) {
            throw new IllegalStateException(
                    "stateset.oidc.connect-timeout and stateset.oidc.read-timeout must be positive (0 waits for ever)");
        }
        SimpleClientHttpRequestFactory bounded = new SimpleClientHttpRequestFactory();
        bounded.setConnectTimeout(connectTimeout);
        bounded.setReadTimeout(readTimeout);
        this.http = bounded;
    }

    private RestClient tokenEndpoint() {
        return RestClient.builder()
                .requestFactory(http)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new StringHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }

    /** Exchanges the provider's code for tokens at sign-in. */
    RestClientAuthorizationCodeTokenResponseClient codeExchange() {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(tokenEndpoint());
        return client;
    }

    /** Refreshes a session's access token at its re-check. */
    RestClientRefreshTokenTokenResponseClient refresh() {
        RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
        client.setRestClient(tokenEndpoint());
        return client;
    }

    /** Reads the user-info endpoint (at sign-in when the ID token lacks claims, and at each re-check). */
    DefaultOAuth2UserService userInfo() {
        RestTemplate template = new RestTemplate(http);
        template.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
        userInfo.setRestOperations(template);
        return userInfo;
    }

    /** Checks ID tokens as Spring's {@code OidcIdTokenDecoderFactory} does, its keys fetched within the timeouts. */
    JwtDecoderFactory<ClientRegistration> idTokenDecoders() {
        return registration -> idTokenDecoders.computeIfAbsent(registration.getRegistrationId(), id -> {
            String keys = registration.getProviderDetails().getJwkSetUri();
            if (!StringUtils.hasText(keys)) {
                OAuth2Error missing = new OAuth2Error(
                        "missing_signature_verifier",
                        "Failed to find a Signature Verifier for Client Registration: '" + id
                                + "'. Check to ensure you have configured the JwkSet URI.",
                        null);
                throw new OAuth2AuthenticationException(missing, missing.toString());
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keys)
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .restOperations(new RestTemplate(http))
                    .build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new OidcIdTokenValidator(registration)));
            decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            return decoder;
        });
    }
}
