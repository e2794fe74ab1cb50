package dev.stateset.console.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider for the running console's tests: Spring Authorization Server in an application
 * context of its own, on a loopback port (127.0.0.1, while the console is reached at localhost: two hosts, so their
 * session cookies never meet). Its people and their groups live here; a test adds its own and changes their groups.
 * The console is registered with it as client {@value #CLIENT_ID} (registration id {@value #REGISTRATION}).
 */
public final class TeamIdentityProvider {

    public static final String REGISTRATION = "testidp";
    public static final String CLIENT_ID = "stateset-console";
    public static final String CLIENT_SECRET = "Client-secret-1";
    public static final String PASSWORD = "Provider-pass-1";

    private static final Map<String, List<String>> GROUPS = new ConcurrentHashMap<>();
    private static final AtomicInteger CONSOLE_PORT = new AtomicInteger();
    private static ConfigurableApplicationContext provider;
    private static int port;

    private TeamIdentityProvider() {}

    /** Starts the provider (once) and registers it with the console as {@value #REGISTRATION}. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String issuer = "http://127.0.0.1:" + start();
            String prefix = "spring.security.oauth2.client.";
            Map<String, Object> properties = new HashMap<>();
            properties.put(prefix + "registration." + REGISTRATION + ".client-id", CLIENT_ID);
            properties.put(prefix + "registration." + REGISTRATION + ".client-secret", CLIENT_SECRET);
            properties.put(prefix + "registration." + REGISTRATION + ".client-name", "Test provider");
            properties.put(prefix + "registration." + REGISTRATION + ".scope", "openid,profile");
            properties.put(prefix + "provider." + REGISTRATION + ".issuer-uri", issuer);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("team-provider", properties));
            // The console's port is known once its server runs: the provider accepts redirects to it from then on.
            context.addApplicationListener(event -> {
                if (event instanceof WebServerInitializedEvent started
                        && !"management".equals(started.getApplicationContext().getServerNamespace())) {
                    CONSOLE_PORT.set(started.getWebServer().getPort());
                }
            });
        }
    }

    static synchronized int start() {
        if (provider == null) {
            provider = new SpringApplicationBuilder(Server.class)
                    .web(WebApplicationType.SERVLET)
                    .properties(
                            "server.port=0",
                            "server.address=127.0.0.1",
                            "spring.main.banner-mode=off",
                            "spring.config.name=team-identity-provider", // none of the console's properties
                            "server.servlet.session.cookie.name=IDPSESSION")
                    .run();
            port = Integer.parseInt(provider.getEnvironment().getProperty("local.server.port"));
        }
        return port;
    }

    /** A person of the provider with {@link #PASSWORD} and these groups; returns their name. */
    public static String person(String prefix, String... groups) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        GROUPS.put(name, List.of(groups));
        return name;
    }

    /** The person's groups from now on (the user-info endpoint answers with them; the next ID token carries them). */
    public static void setGroups(String name, String... groups) {
        GROUPS.put(name, List.of(groups));
    }

    private static volatile java.util.concurrent.CountDownLatch stalled;
    private static final AtomicInteger STALLED_CALLS = new AtomicInteger();

    /**
     * From now until {@link Stall#close()}: the provider's token and user-info endpoints take each call and do not
     * answer it (a provider that hangs); the console's sign-ins and session re-checks must not wait for them.
     */
    public static Stall stall() {
        STALLED_CALLS.set(0);
        stalled = new java.util.concurrent.CountDownLatch(1);
        return new Stall();
    }

    /** A stall of the provider's token and user-info endpoints; closing it answers the calls held. */
    public static final class Stall implements AutoCloseable {
        /** Calls the provider took and is holding (or held). */
        public int calls() {
            return STALLED_CALLS.get();
        }

        @Override
        public void close() {
            java.util.concurrent.CountDownLatch held = stalled;
            stalled = null;
            if (held != null) {
                held.countDown();
            }
        }
    }

    /** A group name unique to the calling test. */
    public static String group(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    // A test configuration: the console's component scan leaves it out (it is the provider's, not the console's).
    @TestConfiguration(proxyBeanMethods = false)
    @EnableWebSecurity
    @Import({
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class
    })
    static class Server {

        /** Holds token and user-info calls while a test stalls the provider (before any security filter). */
        @Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> stalls() {
            jakarta.servlet.Filter hold = (request, response, chain) -> {
                String path = ((jakarta.servlet.http.HttpServletRequest) request).getRequestURI();
                java.util.concurrent.CountDownLatch held = stalled;
                if (held != null && (path.equals("/oauth2/token") || path.equals("/userinfo"))) {
                    STALLED_CALLS.incrementAndGet();
                    try {
                        held.await(5, java.util.concurrent.TimeUnit.MINUTES); // released by the test
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                chain.doFilter(request, response);
            };
            org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> registration =
                    new org.springframework.boot.web.servlet.FilterRegistrationBean<>(hold);
            registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(
                            server,
                            as -> as.oidc(oidc -> oidc.userInfoEndpoint(info -> info.userInfoMapper(context ->
                                    userInfo(context.getAuthorization().getPrincipalName())))))
                    .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()))
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        /**
         * Whatever strategy {@link SecurityContextHolder} has at each call: the console, started after this provider in
         * the same JVM, installs Vaadin's, and the provider's filters must keep agreeing with Spring Authorization
         * Server's own calls to {@code SecurityContextHolder.getContext()}.
         */
        @Bean
        static SecurityContextHolderStrategy securityContextHolderStrategy() {
            return new SecurityContextHolderStrategy() {
                @Override
                public void clearContext() {
                    SecurityContextHolder.getContextHolderStrategy().clearContext();
                }

                @Override
                public org.springframework.security.core.context.SecurityContext getContext() {
                    return SecurityContextHolder.getContextHolderStrategy().getContext();
                }

                @Override
                public java.util.function.Supplier<org.springframework.security.core.context.SecurityContext>
                        getDeferredContext() {
                    return SecurityContextHolder.getContextHolderStrategy().getDeferredContext();
                }

                @Override
                public void setContext(org.springframework.security.core.context.SecurityContext context) {
                    SecurityContextHolder.getContextHolderStrategy().setContext(context);
                }

                @Override
                public void setDeferredContext(
                        java.util.function.Supplier<org.springframework.security.core.context.SecurityContext>
                                deferredContext) {
                    SecurityContextHolder.getContextHolderStrategy().setDeferredContext(deferredContext);
                }

                @Override
                public org.springframework.security.core.context.SecurityContext createEmptyContext() {
                    return SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                }
            };
        }

        @Bean
        UserDetailsService people() {
            return name -> {
                if (!GROUPS.containsKey(name)) {
                    throw new UsernameNotFoundException(name);
                }
                return User.withUsername(name)
                        .password("{noop}" + PASSWORD)
                        .roles("USER")
                        .build();
            };
        }

        /** The console, with whatever port it runs on (known once it started). */
        @Bean
        RegisteredClientRepository clients() {
            return new RegisteredClientRepository() {
                @Override
                public void save(RegisteredClient client) {
                    // The token endpoint saves a client whose secret it re-encoded: the console stays as it is.
                }

                @Override
                public RegisteredClient findById(String id) {
                    return CLIENT_ID.equals(id) ? console() : null;
                }

                @Override
                public RegisteredClient findByClientId(String clientId) {
                    return CLIENT_ID.equals(clientId) ? console() : null;
                }
            };
        }

        private static RegisteredClient console() {
            String base = "http://localhost:" + CONSOLE_PORT.get();
            return RegisteredClient.withId(CLIENT_ID)
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(base + "/login/oauth2/code/" + REGISTRATION)
                    .postLogoutRedirectUri(base + "/login")
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder()
                            .requireAuthorizationConsent(false)
                            .requireProofKey(true) // the console must send PKCE
                            .build())
                    .build();
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

        /** The ID token names the person and their groups, as Keycloak's and Entra ID's do. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
            return context -> {
                if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    String name = context.getPrincipal().getName();
                    context.getClaims()
                            .claims(claims -> claims.putAll(userInfo(name).getClaims()));
                }
            };
        }

        static OidcUserInfo userInfo(String name) {
            return OidcUserInfo.builder()
                    .subject(name)
                    .preferredUsername(name)
                    .name(name + " Tester")
                    .claim("groups", GROUPS.getOrDefault(name, List.of()))
                    .build();
        }
    }

    static Set<String> people() {
        return GROUPS.keySet();
    }
}
