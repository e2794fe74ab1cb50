package dev.stateset.console.base;

import dev.stateset.console.support.Postgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The same Flyway migrations, from an empty PostgreSQL schema, validated by Hibernate against every entity. */
@Postgres.OnPostgres
class SchemaMigrationOnPostgresIT extends SchemaMigrationTest {

    @Autowired
    DataSource postgres;

    @Test
    void this_really_is_postgresql() throws Exception {
        Postgres.assertServes(postgres);
    }
}
