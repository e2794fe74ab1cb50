package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The throttle's rules, found wanting from outside: a success from an address cleared its failures (45 failures + 1
 * valid login, repeated, sprayed 135 passwords unblocked), and 10 wrong passwords from anywhere locked any account for
 * 5 minutes, its owner included.
 */
class LoginThrottleRulesTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    // the defaults: 10 per (account, address), 50 per address, 10 free failures per account, slowdown up to 1 min, 5
    // min window
    final LoginThrottle throttle = new LoginThrottle(clock, 10, 50, 10, Duration.ofMinutes(1), Duration.ofMinutes(5));

    @Test
    void a_sprayer_mixing_in_its_own_valid_logins_is_stopped_at_the_address_limit() {
        String attacker = "203.0.113.9";
        int guesses = 0;
        for (int round = 0;
                round < 3 && throttle.retryAfter("mallory", attacker).isZero();
                round++) {
            for (int i = 0;
                    i < 45 && throttle.retryAfter("victim" + i, attacker).isZero();
                    i++) {
                throttle.failed("victim" + i, attacker);
                guesses++;
            }
            if (throttle.retryAfter("mallory", attacker).isZero()) {
                throttle.succeeded("mallory", attacker); // its own account, to reset the count: no longer works
            }
        }
        assertThat(guesses)
                .as("passwords tried from one address within the window")
                .isEqualTo(50);
        assertThat(throttle.retryAfter("anyone", attacker))
                .as("the address is blocked for every account")
                .isPositive();
        assertThat(throttle.retryAfter("mallory", attacker))
                .as("its own valid login too, until the window passes")
                .isPositive();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(throttle.retryAfter("anyone", attacker))
                .as("after the window")
                .isZero();
    }

    @Test
    void an_attack_on_an_account_slows_the_attackers_but_not_the_owner_at_a_known_address() {
        throttle.succeeded("alice", "198.51.100.7"); // Alice's laptop, known
        for (int i = 0; i < 10; i++) {
            String address = "203.0.113." + i; // ten addresses, one guess each
            assertThat(throttle.retryAfter("alice", address)).isZero();
            throttle.failed("alice", address);
        }
        // The account is now slowed for unknown addresses: 1 s after the 10th failure, doubling with each further one.
        assertThat(throttle.retryAfter("alice", "203.0.113.50")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        throttle.failed("alice", "203.0.113.50");
        assertThat(throttle.retryAfter("alice", "203.0.113.51")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 7; i++) { // waits of 2, 4 … 64 s: all still inside the 5-minute window
            clock.advance(throttle.retryAfter("alice", "203.0.113.60"));
            throttle.failed("alice", "203.0.113.60");
        }
        assertThat(throttle.retryAfter("alice", "203.0.113.61"))
                .as("never more than the maximum delay")
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.retryAfter("alice", "198.51.100.7"))
                .as("the owner at her known address is not slowed")
                .isZero();
        assertThat(throttle.retryAfter("bob", "203.0.113.61"))
                .as("other accounts are not slowed")
                .isZero();
    }

    @Test
    void counts_that_left_the_window_are_forgotten() {
        for (int i = 0; i < 1000; i++) {
            throttle.failed("name" + i, "203.0.113." + (i % 250));
        }
        assertThat(throttle.trackedCounts()).isGreaterThan(1000);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        throttle.purge();
        assertThat(throttle.trackedCounts()).as("counts kept after the window").isZero();
    }

    @Test
    void
            ten_failures_from_one_address_block_that_address_for_that_account_until_the_owner_succeeds_elsewhere_or_the_window_passes() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("carol", "192.0.2.1");
        }
        assertThat(throttle.retryAfter("carol", "192.0.2.1"))
                .as("this address for this account")
                .isPositive();
        assertThat(throttle.retryAfter("dave", "192.0.2.1"))
                .as("another account from the same address")
                .isZero();
        throttle.succeeded("carol", "198.51.100.20");
        assertThat(throttle.retryAfter("carol", "198.51.100.20"))
                .as("the owner from her own address")
                .isZero();
        throttle.succeeded("someone-else", "192.0.2.1");
        assertThat(throttle.retryAfter("carol", "192.0.2.1"))
                .as("another user's success does not clear it")
                .isPositive();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(throttle.retryAfter("carol", "192.0.2.1")).isZero();
    }
}
