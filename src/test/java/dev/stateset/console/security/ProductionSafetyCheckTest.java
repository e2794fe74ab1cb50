package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The prod profile refuses every password the README publishes, any database but PostgreSQL, and a single sign-on or
 * directory secret that is not from the environment.
 */
class ProductionSafetyCheckTest {

    static final String PG = "jdbc:postgresql://db:5432/stateset";

    @Test
    void an_h2_or_missing_database_stops_the_start() {
        assertThatThrownBy(() -> new ProductionSafetyCheck(
                                props("a-private-secret-1", false, null, null),
                                "jdbc:h2:file:./data/stateset;DB_CLOSE_ON_EXIT=FALSE")
                        .afterPropertiesSet())
                .hasMessageContaining("the database must be PostgreSQL")
                .hasMessageContaining("jdbc:h2:file:./data/stateset)");
        assertThatThrownBy(() -> new ProductionSafetyCheck(props("a-private-secret-1", false, null, null), "")
                        .afterPropertiesSet())
                .hasMessageContaining("STATESET_DB_URL")
                .hasMessageContaining("not set");
    }

    private static BootstrapProperties props(String admin, boolean demo, String editor, String viewer) {
        return new BootstrapProperties(
                new BootstrapProperties.Bootstrap(admin), new BootstrapProperties.Demo(demo, editor, viewer));
    }

    @Test
    void demo_users_with_documented_passwords_stop_the_start() {
        assertThatThrownBy(() -> new ProductionSafetyCheck(props("", true, null, null), PG).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stateset.demo.editor-password is a documented default")
                .hasMessageContaining("stateset.demo.viewer-password is a documented default");
    }

    @Test
    void a_documented_admin_password_stops_the_start() {
        assertThatThrownBy(() -> new ProductionSafetyCheck(
                                props(BootstrapProperties.DEMO_EDITOR_PASSWORD, false, null, null), PG)
                        .afterPropertiesSet())
                .hasMessageContaining("stateset.bootstrap.admin-password is a documented default");
    }

    @Test
    void no_demo_and_a_private_or_generated_admin_password_starts() {
        assertThatCode(() -> new ProductionSafetyCheck(props("", false, null, null), PG).afterPropertiesSet())
                .doesNotThrowAnyException();
        assertThatCode(() -> new ProductionSafetyCheck(props("a-private-secret-1", false, null, null), PG)
                        .afterPropertiesSet())
                .doesNotThrowAnyException();
        assertThatCode(() -> new ProductionSafetyCheck(props("", true, "private-editor-pw", "private-viewer-pw"), PG)
                        .afterPropertiesSet())
                .doesNotThrowAnyException();
    }

    private static ConfigurableEnvironment environment(PropertySource<?>... sources) {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : sources) {
            environment.getPropertySources().addFirst(source);
        }
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static PropertySource<?> file(Map<String, Object> properties) {
        return new OriginTrackedMapPropertySource(
                "Config resource 'file [config/application-prod.properties]' via location 'optional:file:./config/'",
                properties);
    }

    @Test
    void a_client_secret_or_ldap_password_written_in_a_file_or_on_the_command_line_stops_the_start() {
        ConfigurableEnvironment written = environment(file(Map.of(
                "spring.security.oauth2.client.registration.keycloak.client-id", "stateset",
                "spring.security.oauth2.client.registration.keycloak.client-secret", "s3cret-in-git",
                "stateset.ldap.manager-password", "${LDAP_PASSWORD:hunter2}")));
        assertThatThrownBy(
                        () -> new ProductionSafetyCheck(props("", false, null, null), PG, written).afterPropertiesSet())
                .hasMessageContaining(
                        "spring.security.oauth2.client.registration.keycloak.client-secret is written in Config resource")
                .hasMessageContaining("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_KEYCLOAK_CLIENTSECRET")
                .hasMessageContaining("stateset.ldap.manager-password is written in")
                .hasMessageContaining("STATESET_LDAP_MANAGERPASSWORD");
        ConfigurableEnvironment commandLine = environment(new MapPropertySource(
                "commandLineArgs", Map.of("stateset.ldap.manager-password", "typed-in-the-shell")));
        assertThatThrownBy(() ->
                        new ProductionSafetyCheck(props("", false, null, null), PG, commandLine).afterPropertiesSet())
                .hasMessageContaining("stateset.ldap.manager-password is written in commandLineArgs");
    }

    @Test
    void secrets_from_environment_variables_or_placeholders_naming_them_start() {
        ConfigurableEnvironment fromEnvironment = environment(
                new SystemEnvironmentPropertySource(
                        "deployment environment",
                        Map.of(
                                "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_KEYCLOAK_CLIENTSECRET", "from-a-secret",
                                "LDAP_PASSWORD", "from-another-secret")),
                file(Map.of(
                        "spring.security.oauth2.client.registration.keycloak.client-id", "stateset",
                        "stateset.ldap.manager-password", "${LDAP_PASSWORD:}")));
        assertThatCode(() -> new ProductionSafetyCheck(props("", false, null, null), PG, fromEnvironment)
                        .afterPropertiesSet())
                .doesNotThrowAnyException();
    }
}
