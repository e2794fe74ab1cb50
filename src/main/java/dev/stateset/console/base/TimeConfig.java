package dev.stateset.console.base;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * One clock for the whole console, shared by every replica: the database's time ({@link DatabaseClock}). Tests replace
 * it to control time, or give a replica a skewed {@link HostClock} to play a host whose clock is off.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfig {

    @Bean
    DatabaseClock clock(DataSource dataSource, ObjectProvider<HostClock> host) {
        DatabaseClock clock =
                new DatabaseClock(host.getIfAvailable(HostClock::system).clock(), dataSource);
        clock.align();
        return clock;
    }

    @Bean
    ClockAlignment clockAlignment(ObjectProvider<DatabaseClock> clock) {
        return new ClockAlignment(clock);
    }

    /** Hosts' clocks drift: measure against the database again every minute. */
    static class ClockAlignment {
        private final ObjectProvider<DatabaseClock> clock;

        ClockAlignment(ObjectProvider<DatabaseClock> clock) {
            this.clock = clock;
        }

        @Scheduled(
                fixedDelayString = "${stateset.clock.align-interval:60s}",
                initialDelayString = "${stateset.clock.align-interval:60s}")
        void align() {
            clock.ifAvailable(DatabaseClock::align);
        }
    }
}
