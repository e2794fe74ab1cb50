package dev.stateset.console.policy.internal;

import dev.stateset.console.support.Postgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The scheduler's tests, claims of two instances included, on PostgreSQL: the conditional UPDATE that makes a due
 * time fire once must hold under PostgreSQL's concurrency (READ COMMITTED, row locks), not only H2's. */
@Postgres.OnPostgres
class SnapshotSchedulerOnPostgresIT extends SnapshotSchedulerTest {

    @Autowired
    DataSource postgres;

    @Test
    void this_really_is_postgresql() throws Exception {
        Postgres.assertServes(postgres);
    }
}
