package dev.stateset.console.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The PostgreSQL server the tests run against: {@code STATESET_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/stateset_test}), {@code STATESET_TEST_PG_USER} / {@code _PASSWORD} (default
 * stateset / stateset); {@code .ci/run} installs and starts one. Each Spring context gets its own fresh schema, so
 * Flyway migrates from empty every time, exactly like a new production database.
 */
public final class Postgres {

    public static final String URL = env("STATESET_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/stateset_test");
    public static final String USER = env("STATESET_TEST_PG_USER", "stateset");
    public static final String PASSWORD = env("STATESET_TEST_PG_PASSWORD", "stateset");
    private static Boolean reachable;

    private Postgres() {}

    /**
     * Runs a Spring test class on PostgreSQL, in a fresh schema per context (classes with the same configuration share
     * one). Without a server the class is skipped with a visible reason outside CI, and fails in CI.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Postgres.Required.class)
    @ContextConfiguration(initializers = Postgres.FreshSchema.class)
    public @interface OnPostgres {}

    /** Without a server: skipped with a visible reason outside CI, failed in CI. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Postgres.Required.class)
    public @interface Needed {}

    static final class FreshSchema implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("postgres", Map.copyOf(properties(newSchema()))));
        }
    }

    static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (isReachable()) {
                return ConditionEvaluationResult.enabled("PostgreSQL at " + URL);
            }
            if (System.getenv("CI") != null) {
                // In CI a missing server is a broken pipeline, not a reason to skip half of the database tests.
                throw new IllegalStateException(
                        "CI is set but no PostgreSQL is reachable at " + URL + " as " + USER + " (.ci/run starts one)");
            }
            String reason = "PostgreSQL not reachable at " + URL + " as " + USER
                    + ": the PostgreSQL half of the database tests is SKIPPED"
                    + " (start one as the README's Testing section says, or set STATESET_TEST_PG_URL)";
            System.err.println("[stateset] " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }

    /** Fails unless the data source really is PostgreSQL 15 or later: a PostgreSQL test must not pass on H2. */
    public static void assertServes(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isGreaterThanOrEqualTo(15);
        }
    }

    public static synchronized boolean isReachable() {
        if (reachable == null) {
            DriverManager.setLoginTimeout(3);
            try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
                reachable = true;
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }

    /** The Spring properties of a context on the given schema (several contexts may share one, as replicas do). */
    public static Map<String, String> properties(String schema) {
        return Map.of(
                "spring.datasource.url", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "spring.datasource.username", USER,
                "spring.datasource.password", PASSWORD,
                "spring.flyway.schemas", schema,
                "spring.flyway.create-schemas", "true");
    }

    public static String newSchema() {
        return "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
