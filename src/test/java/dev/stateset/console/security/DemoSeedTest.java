package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.stateset.console.support.ServiceTest;
import dev.stateset.console.workspace.Member;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import dev.stateset.console.workspace.WorkspaceSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The default start seeds the demo workspace with the users and passwords the README documents. */
@ServiceTest
class DemoSeedTest {

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    dev.stateset.console.job.JobService jobs;

    @Test
    void demo_workspace_has_an_editor_and_a_viewer_with_the_documented_passwords() {
        assertThat(passwordEncoder.matches(
                        BootstrapProperties.DEMO_EDITOR_PASSWORD,
                        userDetails.loadUserByUsername("editor").getPassword()))
                .isTrue();
        assertThat(passwordEncoder.matches(
                        BootstrapProperties.DEMO_VIEWER_PASSWORD,
                        userDetails.loadUserByUsername("viewer").getPassword()))
                .isTrue();
        WorkspaceSummary demo = SystemIdentity.call(() -> workspaces.listMine()).stream()
                .filter(w -> w.name().equals("demo"))
                .findFirst()
                .orElseThrow();
        // Other tests add jobs to the shared demo workspace; the seeded two are there with their demo settings.
        var seeded = SystemIdentity.call(() -> jobs.list(demo.id())).stream()
                .filter(j -> j.name().equals("keyed-counter") || j.name().equals("order-totals"))
                .toList();
        assertThat(seeded).hasSize(2);
        for (var job : seeded) {
            var details = SystemIdentity.call(() -> jobs.get(demo.id(), job.id()));
            assertThat(details.artifact()).isEqualTo("builtin:demo-jobs");
            assertThat(details.checkpoints().interval()).isEqualTo(java.time.Duration.ofSeconds(10));
        }
        assertThat(SystemIdentity.call(() -> workspaces.members(demo.id())))
                .extracting(Member::username, Member::role)
                .containsExactlyInAnyOrder(
                        tuple("editor", WorkspaceRole.EDITOR), tuple("viewer", WorkspaceRole.VIEWER));
    }

    @Test
    void configured_admin_password_is_used() {
        assertThat(passwordEncoder.matches(
                        "admin-password-for-tests",
                        userDetails.loadUserByUsername("admin").getPassword()))
                .isTrue();
    }
}
