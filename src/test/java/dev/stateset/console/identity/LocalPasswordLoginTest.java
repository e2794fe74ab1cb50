package dev.stateset.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.identity.ldap.LdapDirectory;
import dev.stateset.console.security.LoginPolicy;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.support.TeamDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * An admin turns console passwords off once everyone signs in through the directory: a local user's password is then
 * refused, a directory user's is not. A local admin cannot do it (they would lock themselves out).
 */
@RunningConsoleTest
class LocalPasswordLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    GroupMappingService mappings;

    @Autowired
    LoginPolicy policy;

    @Autowired
    UserDetailsService users;

    @Test
    void with_console_passwords_off_only_the_directory_lets_people_in() {
        ApiClient api = new ApiClient(port);
        String dora = TeamDirectory.person("dora");
        String admins = TeamDirectory.group("console-admins", dora);
        SystemIdentity.run(() -> mappings.add(LdapDirectory.ORIGIN, admins, null, null));
        String doraBasic = dora + ":" + TeamDirectory.PASSWORD;
        api.expect(api.call("GET", "/api/v1/workspaces", doraBasic, null), 200);

        assertThatThrownBy(() -> ActAs.run(users, "admin", () -> policy.setLocalPasswordLogin(false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("you signed in with a local password");
        try {
            ActAs.run(users, dora, () -> policy.setLocalPasswordLogin(false));
            assertThat(api.call("GET", "/api/v1/workspaces", "admin:admin-password-for-tests", null)
                            .statusCode())
                    .isEqualTo(401);
            api.expect(api.call("GET", "/api/v1/workspaces", doraBasic, null), 200);
        } finally {
            ActAs.run(users, dora, () -> policy.setLocalPasswordLogin(true));
        }
        api.expect(api.call("GET", "/api/v1/workspaces", "admin:admin-password-for-tests", null), 200);
    }
}
