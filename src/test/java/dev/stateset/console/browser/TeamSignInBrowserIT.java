package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.audit.AuditEvent;
import dev.stateset.console.audit.AuditFilter;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.identity.GroupMappingService;
import dev.stateset.console.identity.ldap.LdapDirectory;
import dev.stateset.console.job.JobService;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.BrowserTestBase;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.TeamDirectory;
import dev.stateset.console.support.TeamIdentityProvider;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stage 15's team logins in Chromium, against real servers: the authorization-code flow with an OpenID provider
 * (Spring Authorization Server, started for the test), and the login form against an LDAP directory (UnboundID, in
 * memory). People in groups mapped to Editor and Viewer each see exactly their rights; someone taken out of their
 * group is signed out at their next request after the session re-check (2 s in tests); logout ends the provider's
 * session too.
 */
class TeamSignInBrowserIT extends BrowserTestBase {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    GroupMappingService mappings;

    @Autowired
    AuditLog audit;

    Demo demo;
    String history;

    @BeforeEach
    void job() {
        demo = Demo.find(workspaces, jobs);
        long job = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        Demo.idle("team-" + UUID.randomUUID().toString().substring(0, 6), 1))
                .id());
        history = demo.tab(job, "history");
    }

    private void map(String provider, String group, WorkspaceRole role) {
        SystemIdentity.run(() -> mappings.add(provider, group, demo.workspaceId(), role));
    }

    /** Through the console's "Sign in with" button and the provider's own login form, back to the console. */
    private void signInAtProvider(String person) {
        submitAtProvider(person);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().startsWith("http://localhost:"));
        browser.waitForVaadin();
    }

    /** Through "Sign in with …" to the provider's login form, which takes the person's password. */
    private void submitAtProvider(String person) {
        // Every site's cookies, the provider's too: each person signs in afresh.
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        browser.open("login");
        leaveForProvider();
        browser.driver().findElement(By.id("username")).sendKeys(person);
        browser.driver().findElement(By.id("password")).sendKeys(TeamIdentityProvider.PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Opens a select and picks the item labelled exactly {@code label}. */
    private void choose(String selectId, String label) {
        browser.click(By.id(selectId));
        By item = By.xpath("//vaadin-select-item[@role='option' and normalize-space()='" + label + "']");
        browser.waitVisible(item);
        browser.click(item);
    }

    /** Clicks "Sign in with …": the browser leaves the console (no Vaadin request to wait for). */
    private void leaveForProvider() {
        browser.waitVisible(By.id("sign-in-" + TeamIdentityProvider.REGISTRATION))
                .click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().startsWith("http://127.0.0.1:")
                        && !d.findElements(By.id("username")).isEmpty());
    }

    /** Opens the page until the console sends the browser to its login page (the session re-check signed them out). */
    private void signedOutWithin(Duration timeout) {
        Await.until(timeout, "signed out by the session re-check", () -> {
            browser.open(history);
            return browser.currentPath().startsWith("/login")
                    || browser.currentPath().startsWith("login");
        });
    }

    @Test
    void an_oidc_editor_and_viewer_see_their_rights_and_leaving_the_group_signs_the_editor_out() {
        String editors = TeamIdentityProvider.group("idp-editors");
        String viewers = TeamIdentityProvider.group("idp-viewers");
        map(TeamIdentityProvider.REGISTRATION, editors, WorkspaceRole.EDITOR);
        map(TeamIdentityProvider.REGISTRATION, viewers, WorkspaceRole.VIEWER);
        String olga = TeamIdentityProvider.person("olga", editors);
        String otto = TeamIdentityProvider.person("otto", viewers);

        signInAtProvider(olga);
        browser.open(history);
        assertThat(browser.waitShown(By.id("register-snapshot")))
                .as(() -> "an editor registers snapshots; at "
                        + browser.driver().getCurrentUrl() + " the page said: " + browser.bodyText())
                .isTrue();
        assertThat(browser.bodyText()).contains(olga);

        TeamIdentityProvider.setGroups(olga); // taken out of every group at the provider
        signedOutWithin(Duration.ofSeconds(30));
        assertThat(events("login.success")).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo(olga);
            assertThat(e.details()).contains("provider=" + TeamIdentityProvider.REGISTRATION);
        });
        assertThat(events("member.group-role"))
                .anySatisfy(e -> assertThat(e.details()).contains("username=" + olga, "EDITOR → none"));

        signInAtProvider(otto);
        browser.open(history);
        browser.waitVisible(By.id("checkpoints-grid"));
        assertThat(browser.isShown(By.id("register-snapshot")))
                .as("a viewer does not")
                .isFalse();
        assertThat(browser.isShown(By.id("take-checkpoint"))).isFalse();
    }

    @Test
    void a_provider_that_stops_answering_holds_no_page_and_signs_nobody_out() {
        String editors = TeamIdentityProvider.group("idp-editors");
        map(TeamIdentityProvider.REGISTRATION, editors, WorkspaceRole.EDITOR);
        String pia = TeamIdentityProvider.person("pia", editors);
        signInAtProvider(pia);

        try (TeamIdentityProvider.Stall stall = TeamIdentityProvider.stall()) {
            // The next request after the re-check interval asks the provider, which takes the call and never answers:
            // the page still comes, after the console's read timeout, and she is still signed in.
            Await.until(Duration.ofMinutes(2), "a session re-check reached the stalled provider", () -> {
                browser.open(history);
                return stall.calls() > 0;
            });
            browser.open(history);
            assertThat(browser.waitShown(By.id("register-snapshot")))
                    .as(() -> "still signed in as an editor; at "
                            + browser.driver().getCurrentUrl())
                    .isTrue();

            // Signing in while the provider's token endpoint hangs: the console gives up and says so.
            int before = stall.calls();
            submitAtProvider(pia);
            new WebDriverWait(browser.driver(), Duration.ofMinutes(2))
                    .until(d -> d.getCurrentUrl().startsWith("http://localhost:")
                            && !d.findElements(By.id("sign-in-refused")).isEmpty());
            assertThat(stall.calls()).isGreaterThan(before);
            assertThat(browser.driver().findElement(By.id("sign-in-refused")).getText())
                    .contains("could not be reached or did not answer in time");
        }
        // Answering again: she signs in.
        signInAtProvider(pia);
        browser.open(history);
        assertThat(browser.waitShown(By.id("register-snapshot"))).isTrue();
    }

    @Test
    void someone_no_group_gives_a_role_is_told_why_and_logout_ends_the_providers_session() {
        String nobody = TeamIdentityProvider.person("nobody", TeamIdentityProvider.group("unmapped"));
        signInAtProvider(nobody);
        assertThat(browser.currentPath()).startsWith("/login");
        assertThat(browser.waitShown(By.id("sign-in-refused"))).isTrue();
        assertThat(browser.driver().findElement(By.id("sign-in-refused")).getText())
                .contains("None of your groups gives you a role");
        assertThat(events("login.failure"))
                .anySatisfy(e -> assertThat(e.details())
                        .contains("provider=" + TeamIdentityProvider.REGISTRATION, "None of your groups"));

        String viewers = TeamIdentityProvider.group("idp-viewers");
        map(TeamIdentityProvider.REGISTRATION, viewers, WorkspaceRole.VIEWER);
        String vera = TeamIdentityProvider.person("vera", viewers);
        signInAtProvider(vera);
        browser.click(By.id("user-menu"));
        browser.click(By.id("logout"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().startsWith("http://localhost:")
                        && d.getCurrentUrl().contains("/login"));
        // The provider's session ended with the console's: signing in again asks for the password.
        leaveForProvider();
        assertThat(browser.driver().findElements(By.id("password"))).isNotEmpty();
    }

    @Test
    void directory_users_sign_in_on_the_login_form_with_their_groups_rights_until_they_leave_the_group() {
        String ada = TeamDirectory.person("ada");
        String vic = TeamDirectory.person("vic");
        String editors = TeamDirectory.group("editors", ada);
        String viewers = TeamDirectory.group("viewers", vic);
        // The admin maps the editors' group on the Sign-in page, as a person does.
        browser.login("admin", "admin-password-for-tests");
        browser.open("admin/sign-in");
        choose("mapping-provider", "Test directory (ldap)");
        browser.type(By.cssSelector("#mapping-group input"), editors);
        choose("mapping-target", "demo");
        choose("mapping-role", "EDITOR");
        browser.click(By.id("add-mapping"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> browser.gridText("group-mappings").contains(editors));
        assertThat(browser.gridText("group-mappings")).contains("EDITOR in demo");
        map(LdapDirectory.ORIGIN, viewers, WorkspaceRole.VIEWER);

        browser.login(vic, TeamDirectory.PASSWORD);
        browser.open(history);
        browser.waitVisible(By.id("checkpoints-grid"));
        assertThat(browser.isShown(By.id("register-snapshot"))).isFalse();

        browser.login(ada, TeamDirectory.PASSWORD);
        browser.open(history);
        assertThat(browser.waitShown(By.id("register-snapshot"))).isTrue();
        TeamDirectory.removeFromGroup(editors, ada);
        signedOutWithin(Duration.ofSeconds(30));

        // The directory hangs: vic's sign-in is refused after the console's read timeout, and the form says why
        // instead of blaming his password.
        try (TeamDirectory.Stall stall = TeamDirectory.stall()) {
            browser.submitLogin(vic, TeamDirectory.PASSWORD);
            new WebDriverWait(browser.driver(), Duration.ofMinutes(2))
                    .until(d -> d.getCurrentUrl().contains("/login?error"));
            browser.waitForVaadin();
            assertThat(stall.calls()).as("the console asked the hung directory").isPositive();
            assertThat(loginErrorShown())
                    .contains("Cannot sign in right now", "The directory cannot check passwords right now")
                    .doesNotContain("Incorrect username or password");
        }
        assertThat(events("login.success")).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo(ada);
            assertThat(e.details()).contains("provider=ldap");
        });
    }

    /** The login form's error box as the person sees it (rendered inside the form's shadow DOM). */
    private String loginErrorShown() {
        // The box is a part of the form's shadow DOM (of a wrapper inside it in some Vaadin versions): search them all.
        return String.valueOf(browser.driver()
                .executeScript("function find(root) {"
                        + "  const box = root.querySelector('[part~=\"error-message\"]');"
                        + "  if (box) return box;"
                        + "  for (const el of root.querySelectorAll('*')) {"
                        + "    if (el.shadowRoot) { const inner = find(el.shadowRoot); if (inner) return inner; }"
                        + "  }"
                        + "  return null;"
                        + "}"
                        + "const box = find(document);"
                        + "if (!box) return 'no error box: ' + document.querySelector('vaadin-login-form').outerHTML;"
                        + "const shown = box.getClientRects().length > 0 && !box.hidden;"
                        + "return shown ? box.innerText : 'error box hidden: ' + box.outerHTML;"));
    }

    private List<AuditEvent> events(String action) {
        return SystemIdentity.call(
                        () -> audit.search(new AuditFilter(null, null, action, null, null, null), null, 0, 100))
                .getContent();
    }
}
