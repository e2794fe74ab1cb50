package dev.stateset.console.policy.internal;

import dev.stateset.console.support.Postgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Cleanup's claim of a snapshot (COMPLETED → DELETING) and the sweep of stale claims, on PostgreSQL. */
@Postgres.OnPostgres
class StaleDeletionOnPostgresIT extends StaleDeletionTest {

    @Autowired
    DataSource postgres;

    @Test
    void this_really_is_postgresql() throws Exception {
        Postgres.assertServes(postgres);
    }
}
