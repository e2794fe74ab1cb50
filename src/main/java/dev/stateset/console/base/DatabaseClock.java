package dev.stateset.console.base;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's time is the database's. Leases, claims and due times are written by one replica and compared by another:
 * with each replica on its own host clock, a replica whose clock ran 30 s ahead saw every other replica's 30 s lease as
 * lapsed. This clock reads the database's {@code current_timestamp} now and then, keeps the difference to the host's
 * clock, and adds it to every reading: all replicas agree to within a database round trip, at no cost per reading (the
 * way ShedLock's {@code usingDbTime()} agrees, without a query per lock). docs/decisions/DD005-one-clock.md
 */
public final class DatabaseClock extends Clock {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    /** A host clock further off than this is worth an operator's attention (NTP not running?). */
    private static final Duration NOTEWORTHY_SKEW = Duration.ofSeconds(1);

    private final Clock host;
    private final JdbcTemplate jdbc;
    private volatile Duration offset = Duration.ZERO;

    DatabaseClock(Clock host, DataSource dataSource) {
        this.host = host;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Measures the database's time against the host's again; keeps the last offset when the database cannot say. */
    public void align() {
        try {
            Instant before = host.instant();
            OffsetDateTime database = jdbc.queryForObject("select current_timestamp", OffsetDateTime.class);
            Instant after = host.instant();
            Instant hostMidpoint = before.plus(Duration.between(before, after).dividedBy(2));
            Duration measured = Duration.between(hostMidpoint, database.toInstant());
            if (measured.abs().compareTo(NOTEWORTHY_SKEW) > 0
                    && measured.minus(offset).abs().compareTo(NOTEWORTHY_SKEW) > 0) {
                log.warn(
                        "This host's clock is {} ms off the database's; the console uses the database's time",
                        -measured.toMillis());
            }
            offset = measured;
        } catch (RuntimeException e) {
            log.warn(
                    "Could not read the database's time (keeping the last offset, {} ms): {}",
                    offset.toMillis(),
                    e.toString());
        }
    }

    /** Database time minus host time, as last measured. */
    public Duration offset() {
        return offset;
    }

    @Override
    public Instant instant() {
        return host.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(host.withZone(zone), offset);
    }
}
