package dev.stateset.console.identity.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientPropertiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The providers registered in {@code spring.security.oauth2.client.*}, each resolved (its discovery document read, as
 * Spring Boot does) when first needed and again after a failure, instead of all at once before the console starts.
 * Spring Boot's own repository stops the start when one provider cannot be reached, and with it the local and directory
 * logins that exist for exactly that day (break-glass). A request never waits more than {@code longestWait} for a provider.
 */
final class ProviderRegistrations
        implements ClientRegistrationRepository, Iterable<ClientRegistration>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistrations.class);

    private final OAuth2ClientProperties properties;
    private final Duration longestWait;
    private final Duration retryAfter;
    private final Clock clock;
    private final ExecutorService discovery = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "oidc-discovery");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    /** One reading of a provider's registration: under way, done, or failed at {@code at}. */
    private record Attempt(CompletableFuture<ClientRegistration> result, Instant at) {}

    ProviderRegistrations(OAuth2ClientProperties properties, Duration longestWait, Duration retryAfter, Clock clock) {
        this.properties = properties;
        this.longestWait = longestWait;
        this.retryAfter = retryAfter;
        this.clock = clock;
        properties.getRegistration().keySet().forEach(this::attempt); // all read at once, none waited for
    }

    /** The registration ids configured, resolved or not. */
    List<String> ids() {
        return List.copyOf(properties.getRegistration().keySet());
    }

    /** How the login page names a provider before (or without) its discovery document: its client name, or id. */
    String clientName(String registrationId) {
        OAuth2ClientProperties.Registration registration =
                properties.getRegistration().get(registrationId);
        return registration == null || registration.getClientName() == null
                ? registrationId
                : registration.getClientName();
    }

    /** The registration, or null when it is not configured or its provider cannot be reached right now. */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!properties.getRegistration().containsKey(registrationId)) {
            return null;
        }
        Attempt attempt = attempts.get(registrationId);
        if (attempt.result().isCompletedExceptionally()
                && Duration.between(attempt.at(), clock.instant()).compareTo(retryAfter) >= 0) {
            attempt = attempt(registrationId);
        }
        try {
            return attempt.result().get(longestWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Attempt attempt(String registrationId) {
        Attempt fresh = new Attempt(new CompletableFuture<>(), clock.instant());
        Attempt previous = attempts.get(registrationId);
        boolean installed = previous == null
                ? attempts.putIfAbsent(registrationId, fresh) == null
                : attempts.replace(registrationId, previous, fresh);
        if (!installed) {
            return attempts.get(registrationId); // another request started the new reading just now
        }
        discovery.execute(() -> {
            try {
                fresh.result().complete(resolve(registrationId));
            } catch (RuntimeException e) {
                fresh.result().completeExceptionally(e);
            }
        });
        return fresh;
    }

    /** Spring Boot's mapping of one registration (and its provider): the same settings, read on their own. */
    private ClientRegistration resolve(String registrationId) {
        OAuth2ClientProperties one = new OAuth2ClientProperties();
        OAuth2ClientProperties.Registration registration =
                properties.getRegistration().get(registrationId);
        one.getRegistration().put(registrationId, registration);
        String providerId = registration.getProvider() != null ? registration.getProvider() : registrationId;
        if (properties.getProvider().containsKey(providerId)) {
            one.getProvider().put(providerId, properties.getProvider().get(providerId));
        }
        try {
            ClientRegistration resolved = new OAuth2ClientPropertiesMapper(one)
                    .asClientRegistrations()
                    .get(registrationId);
            log.info(
                    "OpenID provider {} ready: {}",
                    registrationId,
                    resolved.getProviderDetails().getIssuerUri());
            return resolved;
        } catch (RuntimeException e) {
            log.warn(
                    "OpenID provider {} cannot be reached; its sign-in waits until it can: {}",
                    registrationId,
                    e.toString());
            throw e;
        }
    }

    @Override
    public Iterator<ClientRegistration> iterator() {
        List<ClientRegistration> ready = new ArrayList<>();
        for (String id : ids()) {
            ClientRegistration registration = findByRegistrationId(id);
            if (registration != null) {
                ready.add(registration);
            }
        }
        return ready.iterator();
    }

    @Override
    public void destroy() {
        discovery.shutdownNow();
    }
}
