package dev.stateset.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table belongs to one feature, and only that feature's code names it in SQL: another feature asks the owner
 * through a service or a port it implements (e.g. {@code JobListFacts}), so a table can change with its feature.
 */
class TableOwnershipTest {

    private static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("app_user", "security"),
            Map.entry("api_token", "security"),
            Map.entry("login_policy", "security"),
            Map.entry("group_role_mapping", "identity"),
            Map.entry("workspace", "workspace"),
            Map.entry("workspace_member", "workspace"),
            Map.entry("flink_job", "job"),
            Map.entry("job_run", "job"),
            Map.entry("job_snapshot", "stateset"),
            Map.entry("job_checkpoint", "stateset"),
            Map.entry("checkpoint_summary", "stateset"),
            Map.entry("recovery_point_objective", "stateset"),
            Map.entry("snapshot_policy", "policy"),
            Map.entry("schedule_event", "policy"),
            Map.entry("audit_event", "audit"),
            Map.entry("state_change", "live"));
    private static final Pattern SQL_TABLE = Pattern.compile("(?i)\\b(?:from|join|update|into|table)\\s+([a-z_]+)\\b");

    @Test
    void only_a_tables_feature_names_it_in_sql() throws IOException {
        Path root = Path.of("src/main/java/dev/stateset/console");
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = root.relativize(file).getName(0).toString();
                Matcher sql = SQL_TABLE.matcher(stringLiterals(Files.readString(file)));
                while (sql.find()) {
                    String owner = OWNER.get(sql.group(1).toLowerCase());
                    if (owner != null && !owner.equals(feature)) {
                        foreign.add(root.relativize(file) + " names " + sql.group(1) + " (owned by " + owner + ")");
                    }
                }
            }
        }
        assertThat(foreign).isEmpty();
    }

    /** The text inside the file's string literals and text blocks, where SQL lives. */
    private static String stringLiterals(String source) {
        StringBuilder literals = new StringBuilder();
        Matcher m = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL)
                .matcher(source);
        while (m.find()) {
            literals.append(m.group(1) != null ? m.group(1) : m.group(2)).append(' ');
        }
        return literals.toString();
    }
}
