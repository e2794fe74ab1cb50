package dev.stateset.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Limits password guessing (form and HTTP Basic) without locking owners out, by three counts over a sliding window:
 * <ul>
 *   <li>per client address: past {@code perAddress} failures the address may not try any account until the window
 *       passes; nobody's success resets it, so a sprayer cannot mix in a valid login of its own to go on;</li>
 *   <li>per (account, address): past {@code perUserAddress} failures that address may not try that account; the owner's
 *       success from that address clears it;</li>
 *   <li>per account, from addresses it never logged in from: past {@code freeAccountFailures} failures every further
 *       attempt has to wait a delay that doubles with each failure (1 s, 2 s, … up to {@code maxAccountDelay}); an
 *       address the account logged in from before is not slowed, so an attack on an account does not lock out its owner.</li>
 * </ul>
 * Kept per console instance: with several replicas the limits apply per replica (documented in the README).
 */
@Component
public class LoginThrottle {

    /** Addresses an account logged in from, kept this long (in memory) so its owner is not slowed by an attack. */
    private static final Duration KNOWN_ADDRESS_FOR = Duration.ofDays(30);

    private static final int KNOWN_ADDRESSES_PER_ACCOUNT = 20;

    private final Clock clock;
    private final int perUserAddress;
    private final int perAddress;
    private final int freeAccountFailures;
    private final Duration maxAccountDelay;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> knownAddresses = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(Clock clock, SecurityProperties settings) {
        this(
                clock,
                settings.loginFailuresPerUser(),
                settings.loginFailuresPerAddress(),
                settings.loginFailuresBeforeSlowdown(),
                settings.loginMaxSlowdown(),
                settings.loginFailureWindow());
    }

    LoginThrottle(
            Clock clock,
            int perUserAddress,
            int perAddress,
            int freeAccountFailures,
            Duration maxAccountDelay,
            Duration window) {
        this.clock = clock;
        this.perUserAddress = perUserAddress;
        this.perAddress = perAddress;
        this.freeAccountFailures = freeAccountFailures;
        this.maxAccountDelay = maxAccountDelay;
        this.window = window;
    }

    /** How long this attempt must wait before it may be checked at all; zero when it may go ahead now. */
    public Duration retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration wait = blockedUntilWindowPasses(addressKey(address), perAddress, now);
        wait = max(wait, blockedUntilWindowPasses(pairKey(username, address), perUserAddress, now));
        if (!isKnown(username, address, now)) {
            wait = max(wait, accountDelay(username, now));
        }
        return wait;
    }

    public void failed(String username, String address) {
        record(addressKey(address));
        record(pairKey(username, address));
        record(accountKey(username));
    }

    /** Clears only what this success proves: this address knows this account's password. */
    public void succeeded(String username, String address) {
        failures.remove(pairKey(username, address));
        Map<String, Instant> known = knownAddresses.computeIfAbsent(
                username, u -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()));
        synchronized (known) {
            known.remove(address);
            known.put(address, clock.instant());
            while (known.size() > KNOWN_ADDRESSES_PER_ACCOUNT) {
                known.remove(known.keySet().iterator().next());
            }
        }
    }

    /**
     * Forgets counts whose failures have all left the window and addresses not used for {@code KNOWN_ADDRESS_FOR}: an
     * attacker trying many names or addresses must not grow the console's memory without bound.
     */
    @org.springframework.scheduling.annotation.Scheduled(
            fixedDelayString = "${stateset.security.login-throttle-purge:60s}")
    public void purge() {
        Instant now = clock.instant();
        for (String key : failures.keySet()) {
            // atomic per key with record(): a failure recorded meanwhile is never dropped with its emptied count
            failures.computeIfPresent(key, (k, times) -> {
                synchronized (times) {
                    prune(times, now);
                    return times.isEmpty() ? null : times;
                }
            });
        }
        knownAddresses.values().forEach(known -> {
            synchronized (known) {
                known.values().removeIf(last -> last.isBefore(now.minus(KNOWN_ADDRESS_FOR)));
            }
        });
        knownAddresses.values().removeIf(Map::isEmpty);
    }

    /** How many counts are kept (for tests). */
    int trackedCounts() {
        return failures.size();
    }

    private boolean isKnown(String username, String address, Instant now) {
        Map<String, Instant> known = knownAddresses.get(username);
        if (known == null) {
            return false;
        }
        Instant last = known.get(address);
        return last != null && last.isAfter(now.minus(KNOWN_ADDRESS_FOR));
    }

    private Duration blockedUntilWindowPasses(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Duration.ZERO;
            }
            // blocked until enough of the failures have left the window to be under the limit again
            Instant oldestThatCounts =
                    times.stream().skip(times.size() - limit).findFirst().orElseThrow();
            return positive(Duration.between(now, oldestThatCounts.plus(window)));
        }
    }

    /** After the free failures, the account's next attempt waits 1 s, 2 s, 4 s … (up to the maximum) after its last failure. */
    private Duration accountDelay(String username, Instant now) {
        Deque<Instant> times = failures.get(accountKey(username));
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            prune(times, now);
            int over = times.size() - freeAccountFailures;
            if (over < 0 || times.isEmpty()) {
                return Duration.ZERO;
            }
            Duration delay = Duration.ofSeconds(1L << Math.min(over, 30));
            if (delay.compareTo(maxAccountDelay) > 0) {
                delay = maxAccountDelay;
            }
            return positive(Duration.between(now, times.peekLast().plus(delay)));
        }
    }

    private void record(String key) {
        Instant now = clock.instant();
        failures.compute(key, (k, times) -> {
            Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
            synchronized (kept) {
                prune(kept, now);
                kept.addLast(now);
            }
            return kept;
        });
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.pollFirst();
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String addressKey(String address) {
        return "ip:" + address;
    }

    private static String pairKey(String username, String address) {
        return "pair:" + username + "@" + address;
    }

    private static String accountKey(String username) {
        return "user:" + username;
    }
}
