package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The prod profile refuses every password the README publishes, and any database but PostgreSQL. */
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
}
