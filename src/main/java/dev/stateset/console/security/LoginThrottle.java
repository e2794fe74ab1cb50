package dev.stateset.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits failed logins (form and HTTP Basic) per username and per client address within a sliding window; a
 * successful login clears both. Kept per console instance: with several replicas the limit applies per replica,
 * which still stops password guessing (documented in the README).
 */
@Component
public class LoginThrottle {

    private final Clock clock;
    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, @Value("${stateset.security.login-failures-per-user:10}") int perUser,
            @Value("${stateset.security.login-failures-per-address:50}") int perAddress,
            @Value("${stateset.security.login-failure-window:5m}") Duration window) {
        this.clock = clock;
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** When the user or address is blocked, the minutes until it may try again; otherwise 0. */
    public long blockedMinutes(String username, String address) {
        return Math.max(blocked("user:" + username, perUser), blocked("ip:" + address, perAddress));
    }

    public void failed(String username, String address) {
        record("user:" + username);
        record("ip:" + address);
    }

    public void succeeded(String username, String address) {
        failures.remove("user:" + username);
        failures.remove("ip:" + address);
    }

    private long blocked(String key, int limit) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times);
            if (times.size() < limit) {
                return 0;
            }
            Instant unblocked = times.peekFirst().plus(window);
            return Math.max(1, Duration.between(clock.instant(), unblocked).toMinutes() + 1);
        }
    }

    private void record(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> times) {
        Instant oldest = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.pollFirst();
        }
    }
}
