package dev.stateset.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateset.console.audit.AuditEvent;
import dev.stateset.console.audit.AuditFilter;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.identity.ldap.LdapDirectory;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.ApiTokenService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.security.UserService;
import dev.stateset.console.security.UserSummary;
import dev.stateset.console.support.ActAs;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.support.TeamDirectory;
import dev.stateset.console.workspace.Member;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Directory users sign in with their directory password (over the API's HTTP Basic here: each call is a sign-in),
 * against a real LDAP server (UnboundID's in-memory directory); the groups an admin mapped decide their rights.
 */
@RunningConsoleTest
class LdapSignInTest {

    @LocalServerPort
    int port;

    @Autowired
    GroupMappingService mappings;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    UserService users;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    AuditLog audit;

    ApiClient api;
    Demo demo;
    String policy;

    @BeforeEach
    void console() {
        api = new ApiClient(port);
        demo = Demo.find(workspaces, jobs);
        long job = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle(
                                "ldap-" + java.util.UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        policy = "/api/v1/workspaces/" + demo.workspaceId() + "/jobs/" + job + "/policy";
    }

    /** A policy as the API takes it: what an editor may save and a viewer may not. */
    static final String POLICY = "{\"creationEnabled\":false,\"cronExpression\":\"0 3 * * *\",\"format\":\"CANONICAL\","
            + "\"spreadMinutes\":0,\"cleanupEnabled\":true,\"keepCount\":5,\"retentionValue\":30,"
            + "\"retentionUnit\":\"DAYS\",\"blackoutWindows\":\"\"}";

    private static String basic(String uid) {
        return uid + ":" + TeamDirectory.PASSWORD;
    }

    private void map(String group, WorkspaceRole role) {
        SystemIdentity.run(() -> mappings.add(LdapDirectory.ORIGIN, group, demo.workspaceId(), role));
    }

    @Test
    void users_in_groups_mapped_to_editor_and_viewer_each_get_exactly_their_rights() {
        String ada = TeamDirectory.person("ada");
        String vic = TeamDirectory.person("vic");
        String nora = TeamDirectory.person("nora");
        String editors = TeamDirectory.group("editors", ada);
        String viewers = TeamDirectory.group("viewers", vic);
        TeamDirectory.group("unmapped", nora);
        map(editors, WorkspaceRole.EDITOR);
        map(viewers, WorkspaceRole.VIEWER);

        api.expect(api.call("GET", policy, basic(ada), null), 200);
        api.expect(api.call("PUT", policy, basic(ada), POLICY), 200);
        api.expect(api.call("GET", policy, basic(vic), null), 200);
        api.expect(api.call("PUT", policy, basic(vic), POLICY), 403);

        HttpResponse<String> refused = api.call("GET", policy, basic(nora), null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("None of your groups gives you a role");
        assertThat(api.call("GET", policy, ada + ":wrong-password", null).statusCode())
                .isEqualTo(401);

        List<Member> members = SystemIdentity.call(() -> workspaces.members(demo.workspaceId()));
        assertThat(members)
                .filteredOn(m -> m.username().equals(ada))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.role()).isEqualTo(WorkspaceRole.EDITOR);
                    assertThat(m.directRole()).isNull();
                    assertThat(m.source()).isEqualTo("group " + editors);
                });
        UserSummary adaUser = SystemIdentity.call(() -> users.list()).stream()
                .filter(u -> u.username().equals(ada))
                .findFirst()
                .orElseThrow();
        assertThat(adaUser.origin()).isEqualTo("ldap");
        assertThat(adaUser.externalGroups()).isEqualTo(editors);
        assertThat(auditOf("member.group-role"))
                .anySatisfy(e -> assertThat(e.details()).contains("username=" + ada, "none → EDITOR"));
    }

    @Test
    void a_direct_grant_stays_beside_the_groups_role_and_the_higher_one_counts() {
        String ada = TeamDirectory.person("ada");
        String viewers = TeamDirectory.group("viewers", ada);
        map(viewers, WorkspaceRole.VIEWER);
        api.expect(api.call("GET", policy, basic(ada), null), 200);
        long adaId = userId(ada);

        SystemIdentity.run(() -> workspaces.addMember(demo.workspaceId(), ada, WorkspaceRole.EDITOR));
        api.expect(api.call("PUT", policy, basic(ada), POLICY), 200);
        assertThat(member(ada).source()).isEqualTo("granted here (EDITOR) and group " + viewers + " (VIEWER)");

        SystemIdentity.run(() -> workspaces.removeMember(demo.workspaceId(), adaId));
        assertThat(member(ada).role()).as("the group's role stays").isEqualTo(WorkspaceRole.VIEWER);
        api.expect(api.call("PUT", policy, basic(ada), POLICY), 403);
        assertThatThrownBy(() -> SystemIdentity.run(() -> workspaces.removeMember(demo.workspaceId(), adaId)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("comes from group " + viewers);
    }

    record TokenHolder(String name, String group, String token) {}

    /** A directory person in an Editor group, signed in once, with an API token ({@code Bearer …}) of their own. */
    private TokenHolder editorWithToken(String prefix) {
        String name = TeamDirectory.person(prefix);
        String editors = TeamDirectory.group("editors", name);
        map(editors, WorkspaceRole.EDITOR);
        api.expect(api.call("GET", policy, basic(name), null), 200);
        String token = "Bearer "
                + ActAs.call(userDetails, name, () -> tokens.create(name + "'s script", 30))
                        .secret();
        return new TokenHolder(name, editors, token);
    }

    @Test
    void leaving_the_last_group_takes_access_away_and_revokes_the_users_tokens() {
        TokenHolder holder = editorWithToken("ada");
        String ada = holder.name();
        String editors = holder.group();
        String token = holder.token();
        api.expect(api.call("GET", policy, token, null), 200);

        TeamDirectory.removeFromGroup(editors, ada);
        HttpResponse<String> refused = api.call("GET", policy, basic(ada), null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(member(ada)).as("no membership left").isNull();
        assertThat(api.call("GET", policy, token, null).statusCode())
                .as("the token is revoked with the last role")
                .isEqualTo(401);
        assertThat(auditOf("token.revoke-all"))
                .anySatisfy(e -> assertThat(e.details()).contains("username=" + ada));
    }

    @Test
    void a_token_holder_who_never_signs_in_again_loses_the_token_with_the_group() {
        TokenHolder holder = editorWithToken("tom");
        String tom = holder.name();
        String editors = holder.group();
        String token = holder.token();
        api.expect(api.call("PUT", policy, token, POLICY), 200);

        // Only the token is used from now on; the directory re-check (every 2 s here) follows the group anyway.
        TeamDirectory.removeFromGroup(editors, tom);
        dev.stateset.console.support.Await.until(
                java.time.Duration.ofSeconds(30),
                "the token refused once the directory says tom has no group left",
                () -> api.call("GET", policy, token, null).statusCode() == 401);
        assertThat(member(tom)).isNull();
    }

    @Test
    void parallel_sign_ins_of_one_person_all_succeed_and_make_one_user() throws Exception {
        String pia = TeamDirectory.person("pia");
        map(TeamDirectory.group("editors", pia), WorkspaceRole.EDITOR);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                statuses.add(callers.submit(() -> {
                    HttpResponse<String> r = api.call("GET", policy, basic(pia), null);
                    return r.statusCode() == 200 ? "200" : r.statusCode() + " " + r.body();
                }));
            }
            for (java.util.concurrent.Future<String> status : statuses) {
                assertThat(status.get()).isEqualTo("200");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(SystemIdentity.call(() -> users.list()).stream()
                        .filter(u -> u.username().equals(pia)))
                .hasSize(1);
    }

    @Test
    void a_directory_user_never_takes_over_a_local_user_of_the_same_name() {
        // "viewer" is the demo's local user; a directory person of that name is refused, the local one untouched.
        TeamDirectory.personNamed("viewer");
        HttpResponse<String> refused = api.call("GET", policy, "viewer:" + TeamDirectory.PASSWORD, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(SystemIdentity.call(() -> users.list()).stream()
                        .filter(u -> u.username().equals("viewer"))
                        .findFirst()
                        .orElseThrow()
                        .origin())
                .isEqualTo("local");
    }

    private long userId(String username) {
        return SystemIdentity.call(() -> users.list()).stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private Member member(String username) {
        return SystemIdentity.call(() -> workspaces.members(demo.workspaceId())).stream()
                .filter(m -> m.username().equals(username))
                .findFirst()
                .orElse(null);
    }

    private List<AuditEvent> auditOf(String action) {
        return SystemIdentity.call(
                        () -> audit.search(new AuditFilter(null, null, action, null, null, null), null, 0, 50))
                .getContent();
    }
}
