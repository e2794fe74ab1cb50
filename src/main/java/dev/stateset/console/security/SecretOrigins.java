package dev.stateset.console.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Where a secret setting comes from. In production a secret must come from the environment (an environment variable,
 * or a mounted secret read as a config tree), never written in a file, on the command line or as a system property,
 * where it ends up in version control, a process list or a support bundle. A placeholder ({@code ${NAME}}) in a file
 * counts as what it names.
 */
final class SecretOrigins {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(:)?}");

    private SecretOrigins() {}

    /** Why {@code key}'s value is not from the environment, or null when it is (or is not set). */
    static String problem(ConfigurableEnvironment environment, String key) {
        return problem(environment, key, key, 0);
    }

    private static String problem(ConfigurableEnvironment environment, String setting, String key, int depth) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    || !source.containsProperty(key)) {
                continue;
            }
            Object raw = source.getProperty(key);
            String value = raw == null ? "" : raw.toString();
            if (value.isEmpty()) {
                return null;
            }
            if (source instanceof SystemEnvironmentPropertySource
                    || source.getName().startsWith("Config tree")) {
                return null;
            }
            Matcher placeholder = PLACEHOLDER.matcher(value);
            if (placeholder.matches() && depth < 5) {
                return problem(environment, setting, placeholder.group(1), depth + 1);
            }
            return setting + " is written in " + source.getName() + ": pass it from the environment ("
                    + environmentName(setting) + ")";
        }
        return null;
    }

    /** The environment variable Spring Boot reads for a setting. */
    static String environmentName(String key) {
        return key.replace('.', '_').replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
}
