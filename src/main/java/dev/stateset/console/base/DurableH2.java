package dev.stateset.console.base;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An H2 file database writes every commit before the commit returns. H2's default (WRITE_DELAY 500 ms) acknowledges
 * commits that a killed process then loses: 22 of 51 acknowledged snapshot requests were gone after kill -9 runs
 * (docs/decisions/DD003-durable-default-database-and-crash-recovery.md). The default URL already says WRITE_DELAY=0; this also holds for
 * an H2 file URL a user sets without it. Runs before Flyway's migrations, so before anything is written.
 */
@Configuration(proxyBeanMethods = false)
class DurableH2 {

    private static final Logger log = LoggerFactory.getLogger(DurableH2.class);

    @Bean
    FlywayMigrationStrategy durableThenMigrate(DataSource dataSource) {
        return flyway -> {
            makeCommitsDurable(new JdbcTemplate(dataSource));
            flyway.migrate();
        };
    }

    static void makeCommitsDurable(JdbcTemplate jdbc) {
        String url = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getURL());
        if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return;
        }
        // H2 lists the stored and the current value as two rows once the setting was ever changed: both must be 0.
        Integer delayed = jdbc.queryForObject(
                "select count(*) from information_schema.settings where setting_name = 'WRITE_DELAY' and setting_value <> '0'",
                Integer.class);
        if (delayed == null || delayed > 0) {
            jdbc.execute("SET WRITE_DELAY 0");
            log.info("H2 database {}: WRITE_DELAY set to 0 (every commit is written before it returns)", url);
        }
    }
}
