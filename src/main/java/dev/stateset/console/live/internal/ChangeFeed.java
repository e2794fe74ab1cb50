package dev.stateset.console.live.internal;

import dev.stateset.console.live.StateChange;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/** The {@code state_change} table: the feed that carries what one replica changed to the others. */
@Component
public class ChangeFeed {

    /** A change another replica wrote, with its row id (each is delivered once). */
    public record Entry(long id, StateChange change) {}

    private final JdbcTemplate jdbc;

    ChangeFeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends the changes with one batched INSERT, in the caller's transaction if there is one. */
    public void append(Collection<StateChange> changes, String origin, Instant at) {
        Timestamp now = Timestamp.from(at);
        jdbc.batchUpdate(
                "insert into state_change (workspace_id, job_id, kind, origin, created_at) values (?, ?, ?, ?, ?)",
                changes.stream()
                        .map(c -> new Object[] {
                            c.workspaceId(),
                            new SqlParameterValue(Types.BIGINT, c.jobId()),
                            c.kind().name(),
                            origin,
                            now
                        })
                        .toList());
    }

    /** Changes written after {@code after} by any replica but {@code origin}. */
    public List<Entry> writtenByOthersSince(Instant after, String origin) {
        List<Entry> entries = new ArrayList<>();
        jdbc.query(
                "select id, workspace_id, job_id, kind from state_change where created_at > ? and origin <> ?",
                rs -> {
                    long jobId = rs.getLong(3);
                    Long job = rs.wasNull() ? null : jobId;
                    entries.add(new Entry(
                            rs.getLong(1),
                            new StateChange(rs.getLong(2), job, StateChange.Kind.valueOf(rs.getString(4)))));
                },
                Timestamp.from(after),
                origin);
        return entries;
    }

    public void deleteOlderThan(Instant cutoff) {
        jdbc.update("delete from state_change where created_at < ?", Timestamp.from(cutoff));
    }
}
