package dev.stateset.console.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.UidlRedirectStrategy;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.stateset.console.security.ui.LoginView;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two filter chains: a stateless one for {@code /api/**} (API tokens and HTTP Basic; no
 * session, no CSRF, 401 instead of a login redirect) and Vaadin's for the UI (form login, Vaadin's CSRF).
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

    /**
     * Vaadin's session-aware holder strategy (what {@code VaadinAwareSecurityContextHolderStrategyConfiguration}
     * provides), but one instance per JVM: {@link SecurityContextHolder} is static while Spring Security's
     * interceptors keep the strategy bean of their own context, so a second application context in the same JVM
     * (the test suite has several) must not install a different instance.
     */
    private static final VaadinAwareSecurityContextHolderStrategy HOLDER_STRATEGY =
            new VaadinAwareSecurityContextHolderStrategy();

    @Bean
    static VaadinAwareSecurityContextHolderStrategy securityContextHolderStrategy() {
        SecurityContextHolder.setContextHolderStrategy(HOLDER_STRATEGY);
        return HOLDER_STRATEGY;
    }

    /** BCrypt; the cost is configurable so that tests, which create many users, need not pay production's. */
    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties settings) {
        return new BCryptPasswordEncoder(settings.bcryptStrength());
    }

    /**
     * Password logins (form and HTTP Basic): the console's own users, then each directory, through the failed-login
     * throttle. One provider bean: Spring Security wires a single {@link AuthenticationProvider} bean in.
     */
    @Bean
    AuthenticationProvider authenticationProvider(
            UserDetailsService users,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            LoginPolicy policy,
            ObjectProvider<DirectoryLogin> directories) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthenticationProvider(
                new PasswordLogins(
                        dao, users, policy, directories.orderedStream().toList()),
                throttle);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokenService tokens) throws Exception {
        return http.securityMatcher("/api/**")
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> {
                    // Too many failed logins: 429 with Retry-After, so a script backs off; otherwise a 401 that says
                    // why.
                    if (failure instanceof LoginThrottledException throttled) {
                        UnauthorizedProblem.writeTooManyRequests(
                                response, throttled.getMessage(), throttled.retryAfterSeconds());
                        return;
                    }
                    UnauthorizedProblem.write(
                            response,
                            failure instanceof AccountStatusException
                                            || failure instanceof InternalAuthenticationServiceException
                                    ? failure.getMessage()
                                    : "Authentication required: an API token (Authorization: Bearer …) or HTTP Basic with a console user");
                }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * What the pages may load and run: only the console itself. Vaadin Flow needs inline scripts and eval (its bootstrap
     * and templates) and inline styles; images and fonts may be data: URLs; push uses the same origin. No framing, no
     * plug-ins, forms post only here. Checked in Chromium by the browser tests (no violation reported).
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                    + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
                    + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(
            HttpSecurity http,
            RequestUtil vaadinRequests,
            ExternalAccounts accounts,
            ObjectProvider<SignedInCheck> checks,
            ObjectProvider<UiLoginContribution> logins,
            SecurityProperties settings,
            java.time.Clock clock)
            throws Exception {
        http.addFilterBefore(
                new SessionRecheckFilter(
                        HOLDER_STRATEGY,
                        accounts,
                        checks.orderedStream().toList(),
                        settings.sessionRecheckInterval(),
                        clock),
                AuthorizationFilter.class);
        List<UiLoginContribution> contributions = logins.orderedStream().toList();
        for (UiLoginContribution login : contributions) {
            login.configure(http);
        }
        // In a Vaadin request a redirect is the page's new location (Vaadin's own logout handler does the same).
        SimpleUrlLogoutSuccessHandler toLoginPage = new SimpleUrlLogoutSuccessHandler();
        toLoginPage.setDefaultTargetUrl("/login");
        toLoginPage.setRedirectStrategy(new UidlRedirectStrategy());
        LogoutSuccessHandler logout = (request, response, signedIn) -> {
            for (UiLoginContribution login : contributions) {
                var own = login.logoutSuccessHandler(signedIn);
                if (own.isPresent()) {
                    own.get().onLogoutSuccess(request, response, signedIn);
                    return;
                }
            }
            toLoginPage.onLogoutSuccess(request, response, signedIn);
        };
        // CSRF on everything but Vaadin's own requests (which carry Vaadin's CSRF token). Vaadin's configurer also
        // exempts the login form's POST, which let another site log a visitor in as someone else; the login form sends
        // the token from the page's _csrf meta tags, so it needs no exemption.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                .permitAll()
                // Scraped by Prometheus without a console login; keep the management port internal (README
                // "Production").
                .requestMatchers("/actuator/prometheus")
                .permitAll()
                .requestMatchers("/images/**", "/icons/**", "/webjars/**")
                .permitAll()
                // The API's description is public, like any published API reference; calling the API is not.
                .requestMatchers(
                        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll());
        return http.with(
                        VaadinSecurityConfigurer.vaadin(),
                        vaadin -> vaadin.loginView(LoginView.class)
                                .enableCsrfConfiguration(false)
                                .logoutSuccessHandler(logout))
                .build();
    }
}
