package dev.stateset.console.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile, refuses to start while a bootstrap password is one the README documents (or
 * while demo users would be created with them): a production console must never accept a published password.
 * It also refuses any database but PostgreSQL, and an OpenID Connect client secret or LDAP password that is not from the
 * environment ({@link SecretOrigins}).
 */
@Component
@Profile("prod")
class ProductionSafetyCheck implements InitializingBean {

    private final BootstrapProperties properties;
    private final String databaseUrl;
    private final ConfigurableEnvironment environment;

    @Autowired
    ProductionSafetyCheck(
            BootstrapProperties properties, DataSourceProperties dataSource, ConfigurableEnvironment environment) {
        this(properties, dataSource.getUrl() == null ? "" : dataSource.getUrl(), environment);
    }

    ProductionSafetyCheck(BootstrapProperties properties, String databaseUrl) {
        this(properties, databaseUrl, new org.springframework.core.env.StandardEnvironment());
    }

    ProductionSafetyCheck(BootstrapProperties properties, String databaseUrl, ConfigurableEnvironment environment) {
        this.properties = properties;
        this.databaseUrl = databaseUrl;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        String admin = properties.bootstrap().adminPassword();
        if (admin != null && BootstrapProperties.DOCUMENTED_PASSWORDS.contains(admin)) {
            problems.add("stateset.bootstrap.admin-password is a documented default");
        }
        BootstrapProperties.Demo demo = properties.demo();
        if (demo.enabled() && BootstrapProperties.DOCUMENTED_PASSWORDS.contains(demo.editorPassword())) {
            problems.add("stateset.demo.editor-password is a documented default (or set stateset.demo.enabled=false)");
        }
        if (demo.enabled() && BootstrapProperties.DOCUMENTED_PASSWORDS.contains(demo.viewerPassword())) {
            problems.add("stateset.demo.viewer-password is a documented default (or set stateset.demo.enabled=false)");
        }
        if (databaseUrl == null || !databaseUrl.startsWith("jdbc:postgresql:")) {
            // Replicas share one database, and an H2 file lives and dies with one container.
            problems.add("the database must be PostgreSQL: set STATESET_DB_URL=jdbc:postgresql://host:5432/db (now: "
                    + (databaseUrl == null || databaseUrl.isBlank() ? "not set" : databaseUrl.replaceAll(";.*", ""))
                    + ")");
        }
        for (String secret : secretSettings()) {
            String problem = SecretOrigins.problem(environment, secret);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with profile 'prod': " + String.join("; ", problems));
        }
    }

    /** The secret settings this console has: the LDAP password, and each OpenID Connect registration's secret. */
    private List<String> secretSettings() {
        List<String> keys = new ArrayList<>();
        keys.add("stateset.ldap.manager-password");
        org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind(
                        "spring.security.oauth2.client.registration",
                        org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, Object.class))
                .orElse(java.util.Map.of())
                .keySet()
                .forEach(id -> keys.add("spring.security.oauth2.client.registration." + id + ".client-secret"));
        return keys;
    }
}
