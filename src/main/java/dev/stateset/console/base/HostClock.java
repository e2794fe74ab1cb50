package dev.stateset.console.base;

import java.time.Clock;

/**
 * The machine's own clock, which {@link DatabaseClock} corrects to the database's. A bean of this type (tests only)
 * plays a host whose clock is off.
 */
public record HostClock(Clock clock) {

    static HostClock system() {
        return new HostClock(Clock.systemUTC());
    }
}
