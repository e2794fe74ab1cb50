package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.ControlledClockTest;
import dev.stateset.console.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/** An API token stops working when it expires (the clock of this context is moved by the test). */
@ControlledClockTest
class ApiTokenExpiryTest {

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserDetailsService users;

    @Autowired
    MutableClock clock;

    @Test
    void an_expired_token_is_refused() {
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        var created = ActAs.call(users, "editor", () -> tokens.create("one day", 1));
        assertThat(tokens.authenticate(created.secret())).isPresent();
        clock.advance(Duration.ofHours(25));
        assertThat(tokens.authenticate(created.secret())).isEmpty();
    }
}
