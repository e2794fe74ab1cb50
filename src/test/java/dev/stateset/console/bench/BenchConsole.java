package dev.stateset.console.bench;

import dev.stateset.console.Application;
import dev.stateset.console.support.SkipTestConfigurations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole console for a benchmark: the real application, the test profile's throwaway H2 (or, with
 * {@code -Dbench.db=postgres}, a fresh schema on the tests' PostgreSQL server) and directories.
 */
final class BenchConsole {

    private BenchConsole() {}

    static boolean onPostgres() {
        return "postgres".equals(System.getProperty("bench.db"));
    }

    /** Which database a report's figures come from. */
    static String database() {
        return onPostgres()
                ? "PostgreSQL (" + dev.stateset.console.support.Postgres.URL + ", same machine)"
                : "H2 in memory";
    }

    /** {@code Authorization} header of a new one-day API token of the console's admin. */
    static String adminBearer(ConfigurableApplicationContext console, String tokenName) {
        return "Bearer "
                + dev.stateset.console.support.ActAs.call(
                                console.getBean(org.springframework.security.core.userdetails.UserDetailsService.class),
                                "admin",
                                () -> console.getBean(dev.stateset.console.security.ApiTokenService.class)
                                        .create(tokenName, 1))
                        .secret();
    }

    static ConfigurableApplicationContext start(Map<String, String> properties, Class<?>... extraSources) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        if (onPostgres()) { // -Dbench.jvm=-Dbench.db=postgres: the tests' PostgreSQL server, in a fresh schema
            dev.stateset.console.support.Postgres.properties(dev.stateset.console.support.Postgres.newSchema())
                    .forEach((k, v) -> args.add("--" + k + "=" + v));
        }
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = Application.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder()
                .sources(sources)
                .profiles("test")
                .initializers(SkipTestConfigurations::register)
                .run(args.toArray(String[]::new));
    }
}
