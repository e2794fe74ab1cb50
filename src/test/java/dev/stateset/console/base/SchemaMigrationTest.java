package dev.stateset.console.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The schema comes from Flyway alone, from an empty database, and Hibernate validates every entity against it
 * ({@code ddl-auto=validate}: this context would not start on a mismatch).
 */
@DataJpaTest
@ActiveProfiles("test")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = "spring.jpa.hibernate.ddl-auto=validate")
class SchemaMigrationTest {

    @Autowired
    Flyway flyway;

    @Autowired
    DataSource dataSource;

    @Test
    void all_migrations_applied_from_empty_and_none_pending() {
        // On PostgreSQL Flyway first records that it created the schema (a row without a version).
        List<MigrationInfo> applied = java.util.Arrays.stream(flyway.info().applied())
                .filter(m -> m.getVersion() != null)
                .toList();
        assertThat(applied).isNotEmpty();
        assertThat(applied.get(0).getVersion().getVersion()).isEqualTo("1");
        assertThat(flyway.info().pending()).as("pending migrations").isEmpty();
    }

    @Test
    void every_table_of_the_plan_exists() {
        List<String> tables = new JdbcTemplate(dataSource)
                .queryForList(
                        "select lower(table_name) from information_schema.tables where lower(table_schema) = lower(current_schema)",
                        String.class);
        assertThat(tables)
                .contains(
                        "app_user",
                        "workspace",
                        "workspace_member",
                        "flink_job",
                        "job_snapshot",
                        "snapshot_policy",
                        "audit_event");
    }
}
