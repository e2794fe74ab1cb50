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

    @Test
    void an_admins_script_maps_groups_and_reads_the_policy_over_the_api() {
        ApiClient api = new ApiClient(port);
        String admin = "admin:admin-password-for-tests";
        String group = TeamDirectory.group("api-mapped");
        long id = api.expect(
                        api.call(
                                "POST",
                                "/api/v1/group-mappings",
                                admin,
                                "{\"provider\":\"ldap\",\"group\":\"" + group + "\"}"),
                        201)
                .path("id")
                .asLong();
        assertThat(api.expect(api.call("GET", "/api/v1/group-mappings", admin, null), 200)
                        .findValuesAsText("group"))
                .contains(group);
        assertThat(api.expect(
                                api.call(
                                        "POST",
                                        "/api/v1/group-mappings",
                                        admin,
                                        "{\"provider\":\"nowhere\",\"group\":\"x\"}"),
                                400)
                        .path("errors")
                        .findValuesAsText("field"))
                .contains("provider");
        api.expect(api.call("DELETE", "/api/v1/group-mappings/" + id, admin, null), 204);
        api.expect(api.call("DELETE", "/api/v1/group-mappings/" + id, admin, null), 404);

        var policy = api.expect(api.call("GET", "/api/v1/login-policy", admin, null), 200);
        assertThat(policy.path("localPasswordLogin").asBoolean()).isTrue();
        assertThat(policy.path("providers").toString()).contains("ldap", "testidp");
        assertThat(api.expect(api.call("PUT", "/api/v1/login-policy", admin, "{\"localPasswordLogin\":false}"), 400)
                        .path("detail")
                        .asText())
                .contains("you signed in with a local password");
    }
}
