package dev.stateset.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateset.console.engine.embedded.DemoJobJar;
import dev.stateset.console.engine.embedded.demo.KeyedCounterJob;
import dev.stateset.console.job.JobDraft;
import dev.stateset.console.job.JobService;
import dev.stateset.console.job.JobStatus;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.NewUser;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.security.UserService;
import dev.stateset.console.support.ApiClient;
import dev.stateset.console.support.Await;
import dev.stateset.console.support.Demo;
import dev.stateset.console.support.RunningConsoleTest;
import dev.stateset.console.workspace.WorkspaceDraft;
import dev.stateset.console.workspace.WorkspaceRole;
import dev.stateset.console.workspace.WorkspaceService;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api/v1} endpoint, over real HTTP, against the same table: it answers 401 without credentials, 404 to a
 * member of another workspace (the same 404 as a missing workspace), 403 to a viewer when it changes something, and
 * 400 with a problem detail naming the field when its input is wrong; then each succeeds, in an order that is a real
 * session (snapshot, delete, stop with a snapshot, restore from it). The table must cover every mapped endpoint and the
 * OpenAPI document must list every one: a new endpoint without these checks fails the build.
 */
@RunningConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiEndpointMatrixTest {

    static final String ADMIN = "admin:admin-password-for-tests";
    static final String EDITOR = "editor:" + BootstrapProperties.DEMO_EDITOR_PASSWORD;
    static final String VIEWER = "viewer:" + BootstrapProperties.DEMO_VIEWER_PASSWORD;
    static final String OUTSIDER_PASSWORD = "outsider-password-1";

    /** An endpoint as the table knows it; {ws}, {job} and {snap} are filled in from the fixture. */
    record Endpoint(
            String method,
            String template,
            boolean mutating,
            boolean workspaceScoped,
            String validBody,
            Invalid invalid) {
        String key() {
            return method + " "
                    + template.replaceAll("\\?.*", "")
                            .replace("{other}", "{otherId}")
                            .replace("{snap}", "{id}")
                            .replace("{member}", "{userId}")
                            .replace("{mapping}", "{mappingId}");
        }

        /** The role a viewer is told a change needs. */
        String requiredRole() {
            if (template.equals(WORKSPACES)
                    || template.equals(WORKSPACES + "/{ws}")
                    || template.startsWith(USERS)
                    || template.startsWith(GROUP_MAPPINGS)
                    || template.equals(LOGIN_POLICY)) {
                return "ADMIN";
            }
            return template.contains("/members") || template.endsWith("/settings") ? "OWNER" : "EDITOR";
        }
    }

    /** The same call made wrong, and the field the problem detail must name. */
    record Invalid(String template, String body, String field) {}

    static final String WORKSPACES = "/api/v1/workspaces";
    static final String USERS = "/api/v1/users";
    static final String GROUP_MAPPINGS = "/api/v1/group-mappings";
    static final String LOGIN_POLICY = "/api/v1/login-policy";
    static final String MEMBERS = WORKSPACES + "/{ws}/members";
    static final String WORKSPACE_BODY =
            "{\"name\":\"never-made\",\"timeZone\":\"UTC\",\"engine\":{\"kind\":\"EMBEDDED\"}}";
    static final String CONFIGURATION_BODY = "{\"checkpoints\":{\"interval\":\"PT1M\",\"timeout\":\"PT10M\","
            + "\"minPause\":\"PT0S\",\"retained\":1},\"stateParameters\":{\"incrementalCheckpoints\":true,"
            + "\"stateTtl\":\"PT0S\",\"localTempDir\":\"\",\"backend\":\"HASHMAP\",\"flinkOptions\":"
            + "{\"restart-strategy.type\":\"fixed-delay\",\"table.exec.mini-batch.enabled\":\"true\"}}}";
    static final String JOBS = "/api/v1/workspaces/{ws}/jobs";
    static final String JOB = JOBS + "/{job}";
    static final String POLICY_BODY =
            "{\"creationEnabled\":false,\"cronExpression\":\"0 3 * * *\",\"format\":\"CANONICAL\","
                    + "\"spreadMinutes\":0,\"cleanupEnabled\":true,\"keepCount\":5,\"retentionValue\":30,\"retentionUnit\":\"DAYS\",\"blackoutWindows\":\"\"}";

    /** The smallest real jar: one (empty) class file in a zip. */
    static final byte[] TINY_JAR = tinyJar();

    static byte[] tinyJar() {
        try (var bytes = new java.io.ByteArrayOutputStream();
                var jar = new java.util.jar.JarOutputStream(bytes)) {
            jar.putNextEntry(new java.util.jar.JarEntry("matrix/Empty.class"));
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            jar.closeEntry();
            jar.finish();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final String KEYED_COUNTER = KeyedCounterJob.class.getName();
    static final String JOB_BODY = "{\"name\":\"matrix-defined\",\"artifact\":\"builtin:demo-jobs\",\"entryClass\":\""
            + KEYED_COUNTER + "\",\"programArgs\":\"--keys 3 --rate 20\"}";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", GROUP_MAPPINGS, false, false, null, null),
            new Endpoint(
                    "POST",
                    GROUP_MAPPINGS,
                    true,
                    false,
                    "{\"provider\":\"ldap\",\"group\":\"matrix-never\"}",
                    new Invalid(GROUP_MAPPINGS, "{\"provider\":\"ldap\",\"group\":\"  \"}", "group")),
            new Endpoint(
                    "DELETE",
                    GROUP_MAPPINGS + "/{mapping}",
                    true,
                    false,
                    null,
                    new Invalid(GROUP_MAPPINGS + "/abc", null, "mappingId")),
            new Endpoint("GET", LOGIN_POLICY, false, false, null, null),
            new Endpoint(
                    "PUT",
                    LOGIN_POLICY,
                    true,
                    false,
                    "{\"localPasswordLogin\":true}",
                    new Invalid(LOGIN_POLICY, "{\"localPasswordLogin\":\"maybe\"}", "localPasswordLogin")),
            new Endpoint("GET", USERS, false, false, null, null),
            new Endpoint(
                    "POST",
                    USERS,
                    true,
                    false,
                    "{\"username\":\"matrix-never\",\"password\":\"long-enough-password-1\"}",
                    new Invalid(
                            USERS, "{\"username\":\"Bad Name\",\"password\":\"long-enough-password-1\"}", "username")),
            new Endpoint(
                    "PUT",
                    USERS + "/{member}",
                    true,
                    false,
                    "{\"enabled\":true}",
                    new Invalid(USERS + "/{member}", "{\"enabled\":\"maybe\"}", "enabled")),
            new Endpoint(
                    "POST",
                    USERS + "/{member}/password",
                    true,
                    false,
                    "{\"password\":\"long-enough-password-2\"}",
                    new Invalid(USERS + "/{member}/password", "{\"password\":\"short\"}", "password")),
            new Endpoint("GET", JOB + "/runs", false, true, null, new Invalid(JOBS + "/x1/runs", null, "job")),
            new Endpoint(
                    "GET",
                    JOB + "/snapshots/{snap}/operators",
                    false,
                    true,
                    null,
                    new Invalid(JOB + "/snapshots/abc/operators", null, "id")),
            new Endpoint(
                    "GET",
                    JOB + "/snapshots/{snap}/operators/{uidHash}/entries?state=count",
                    false,
                    true,
                    null,
                    new Invalid(
                            JOB + "/snapshots/{snap}/operators/{uidHash}/entries?state=count&limit=0", null, "limit")),
            new Endpoint(
                    "GET",
                    JOB + "/snapshots/{snap}/compare/{other}",
                    false,
                    true,
                    null,
                    new Invalid(JOB + "/snapshots/{snap}/compare/abc", null, "otherId")),
            new Endpoint(
                    "GET",
                    JOB + "/snapshots/{snap}/compatibility",
                    false,
                    true,
                    null,
                    new Invalid(JOB + "/snapshots/abc/compatibility", null, "id")),
            new Endpoint(
                    "GET",
                    WORKSPACES + "/{ws}/orphan-snapshots",
                    false,
                    true,
                    null,
                    new Invalid(WORKSPACES + "/abc/orphan-snapshots", null, "ws")),
            new Endpoint(
                    "POST",
                    WORKSPACES,
                    true,
                    false,
                    WORKSPACE_BODY,
                    new Invalid(WORKSPACES, WORKSPACE_BODY.replace("UTC", "Mars/Olympus"), "timeZone")),
            new Endpoint("GET", WORKSPACES + "/{ws}", false, true, null, new Invalid(WORKSPACES + "/abc", null, "ws")),
            new Endpoint(
                    "PUT",
                    WORKSPACES + "/{ws}",
                    true,
                    false, // an admin's: refused to everyone else before any lookup, so it tells no one what exists
                    WORKSPACE_BODY,
                    new Invalid(
                            WORKSPACES + "/{ws}",
                            WORKSPACE_BODY.replace(
                                    "{\"kind\":\"EMBEDDED\"}", "{\"kind\":\"REMOTE\",\"restUrl\":\"ftp://x\"}"),
                            "engineRestUrl")),
            new Endpoint("GET", MEMBERS, false, true, null, new Invalid(WORKSPACES + "/abc/members", null, "ws")),
            new Endpoint(
                    "POST",
                    MEMBERS,
                    true,
                    true,
                    "{\"username\":\"editor\",\"role\":\"VIEWER\"}",
                    new Invalid(MEMBERS, "{\"username\":\"nobody-by-this-name\",\"role\":\"VIEWER\"}", "username")),
            new Endpoint(
                    "PUT",
                    MEMBERS + "/{member}",
                    true,
                    true,
                    "{\"role\":\"VIEWER\"}",
                    new Invalid(MEMBERS + "/{member}", "{\"role\":\"KING\"}", "role")),
            new Endpoint(
                    "DELETE", MEMBERS + "/{member}", true, true, null, new Invalid(MEMBERS + "/abc", null, "userId")),
            new Endpoint(
                    "GET",
                    "/api/v1/workspaces/{ws}/engine-jobs",
                    false,
                    true,
                    null,
                    new Invalid("/api/v1/workspaces/abc/engine-jobs", null, "ws")),
            new Endpoint(
                    "GET",
                    "/api/v1/workspaces/{ws}/cluster-jars",
                    false,
                    true,
                    null,
                    new Invalid("/api/v1/workspaces/abc/cluster-jars", null, "ws")),
            new Endpoint(
                    "POST",
                    JOBS,
                    true,
                    true,
                    JOB_BODY.replace("matrix-defined", "matrix-never-saved"),
                    new Invalid(JOBS, "{\"name\":\"no-jar\",\"entryClass\":\"" + KEYED_COUNTER + "\"}", "artifact")),
            new Endpoint(
                    "PUT",
                    JOB,
                    true,
                    true,
                    JOB_BODY.replace("matrix-defined", "matrix-never-renamed"),
                    new Invalid(
                            JOB,
                            JOB_BODY.replace("\"programArgs\"", "\"parallelism\":0,\"programArgs\""),
                            "parallelism")),
            new Endpoint(
                    "POST",
                    JOBS + "/adopt",
                    true,
                    true,
                    "{\"engineJobId\":\"" + "0".repeat(32) + "\",\"name\":\"adopted\"}",
                    new Invalid(JOBS + "/adopt", "{\"engineJobId\":\"nope\",\"name\":\"adopted\"}", "engineJobId")),
            new Endpoint("GET", "/api/v1/workspaces", false, false, null, null),
            new Endpoint("GET", JOBS, false, true, null, new Invalid("/api/v1/workspaces/abc/jobs", null, "ws")),
            new Endpoint("GET", JOB, false, true, null, new Invalid(JOBS + "/abc", null, "job")),
            new Endpoint(
                    "GET", JOB + "/checkpoints", false, true, null, new Invalid(JOBS + "/x1/checkpoints", null, "job")),
            new Endpoint("GET", JOB + "/policy", false, true, null, new Invalid(JOBS + "/x1/policy", null, "job")),
            new Endpoint(
                    "GET",
                    JOB + "/recovery-point",
                    false,
                    true,
                    null,
                    new Invalid(JOBS + "/x1/recovery-point", null, "job")),
            new Endpoint(
                    "PUT",
                    JOB + "/recovery-point",
                    true,
                    true,
                    "{\"objectiveMinutes\":1440,\"snapshotOnBreach\":false}",
                    new Invalid(
                            JOB + "/recovery-point",
                            "{\"objectiveMinutes\":0,\"snapshotOnBreach\":false}",
                            "objectiveMinutes")),
            new Endpoint(
                    "GET",
                    WORKSPACES + "/{ws}/state-health",
                    false,
                    true,
                    null,
                    new Invalid(WORKSPACES + "/abc/state-health", null, "ws")),
            new Endpoint(
                    "GET",
                    WORKSPACES + "/{ws}/settings",
                    false,
                    true,
                    null,
                    new Invalid(WORKSPACES + "/abc/settings", null, "ws")),
            new Endpoint(
                    "PUT",
                    WORKSPACES + "/{ws}/settings",
                    true,
                    true,
                    "{\"storagePricePerGbMonth\":0.023,\"blackoutWindows\":\"\",\"viewersSeeStateValues\":false}",
                    new Invalid(
                            WORKSPACES + "/{ws}/settings",
                            "{\"storagePricePerGbMonth\":-1,\"blackoutWindows\":\"\",\"viewersSeeStateValues\":false}",
                            "storagePricePerGbMonth")),
            new Endpoint(
                    "PUT",
                    JOB + "/policy",
                    true,
                    true,
                    POLICY_BODY,
                    new Invalid(JOB + "/policy", POLICY_BODY.replace("0 3 * * *", "0 3 * *"), "cronExpression")),
            new Endpoint(
                    "GET",
                    JOB + "/snapshots",
                    false,
                    true,
                    null,
                    new Invalid(JOB + "/snapshots?status=BOGUS", null, "status")),
            new Endpoint(
                    "POST",
                    JOB + "/snapshots",
                    true,
                    true,
                    "{\"format\":\"CANONICAL\",\"description\":\"matrix\"}",
                    new Invalid(JOB + "/snapshots", "{\"format\":\"ZIP\",\"description\":\"\"}", "format")),
            new Endpoint(
                    "POST",
                    JOB + "/snapshots/register",
                    true,
                    true,
                    "{\"location\":\"file:/nowhere/savepoint-1\",\"description\":\"matrix\"}",
                    new Invalid(JOB + "/snapshots/register", "{\"location\":\" \"}", "location")),
            new Endpoint(
                    "GET",
                    JOB + "/snapshots/{snap}",
                    false,
                    true,
                    null,
                    new Invalid(JOB + "/snapshots/latest", null, "id")),
            new Endpoint(
                    "DELETE",
                    JOB + "/snapshots/{snap}",
                    true,
                    true,
                    null,
                    new Invalid(JOB + "/snapshots/latest", null, "id")),
            new Endpoint(
                    "POST",
                    JOB + "/checkpoints",
                    true,
                    true,
                    "{\"full\":true}",
                    new Invalid(JOB + "/checkpoints", "{\"full\":\"very\"}", "full")),
            new Endpoint(
                    "POST",
                    JOB + "/checkpoints/latest/keep",
                    true,
                    true,
                    null,
                    new Invalid(JOBS + "/x1/checkpoints/latest/keep", null, "job")),
            new Endpoint(
                    "PUT",
                    JOB + "/configuration",
                    true,
                    true,
                    CONFIGURATION_BODY,
                    new Invalid(
                            JOB + "/configuration",
                            CONFIGURATION_BODY.replace("restart-strategy.type", "execution.checkpointing.interval"),
                            "flinkOptions")),
            new Endpoint(
                    "POST",
                    JOB + "/stop",
                    true,
                    true,
                    "{\"withSnapshot\":false,\"drain\":false}",
                    new Invalid(JOB + "/stop", "{\"withSnapshot\":\"maybe\"}", "withSnapshot")),
            new Endpoint(
                    "POST",
                    JOB + "/start",
                    true,
                    true,
                    "{\"strategy\":\"STATELESS\"}",
                    new Invalid(JOB + "/start", "{}", "strategy")),
            new Endpoint(
                    "GET",
                    "/api/v1/cron/preview?expression=0%209%20*%20*%20*",
                    false,
                    false,
                    null,
                    new Invalid("/api/v1/cron/preview?expression=0%209%20*%20*%20XYZ", null, "week")),
            new Endpoint(
                    "POST",
                    "/api/v1/workspaces/{ws}/artifacts",
                    true,
                    true,
                    ApiClient.multipart("file", "matrix.jar", TINY_JAR),
                    new Invalid(
                            "/api/v1/workspaces/{ws}/artifacts",
                            ApiClient.multipart("file", "notes.jar", "not a jar".getBytes()),
                            "file")),
            new Endpoint(
                    "GET",
                    "/api/v1/audit-events?workspace={ws}",
                    false,
                    true,
                    null,
                    new Invalid("/api/v1/audit-events?workspace={ws}&from=yesterday", null, "from")));

    @LocalServerPort
    int port;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JobService jobs;

    @Autowired
    UserService users;

    @Autowired
    dev.stateset.console.stateset.StateSetService stateSets;

    @Autowired
    dev.stateset.console.engine.embedded.DemoJobArtifact demoJar;

    byte[] demoJarBytes() {
        try {
            return java.nio.file.Files.readAllBytes(demoJar.path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    ApiClient api;
    Demo demo;
    long job;
    long snapshot;
    /** A member of the demo workspace (the viewer): the member endpoints' target. */
    long member;

    String outsider;

    @BeforeAll
    void fixture() {
        api = new ApiClient(port);
        demo = Demo.find(workspaces, jobs);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        outsider = "outsider-" + suffix;
        SystemIdentity.run(() -> {
            users.create(new NewUser(outsider, "Outsider", OUTSIDER_PASSWORD, false));
            long own = workspaces
                    .create(new WorkspaceDraft("outsiders-" + suffix, "", "UTC"))
                    .id();
            workspaces.addMember(own, outsider, WorkspaceRole.OWNER);
        });
        job = SystemIdentity.call(() -> jobs.create(
                        demo.workspaceId(),
                        new JobDraft(
                                "matrix-" + suffix,
                                "",
                                DemoJobJar.ARTIFACT,
                                KeyedCounterJob.class.getName(),
                                "--keys 3 --rate 20",
                                1))
                .id());
        member = SystemIdentity.call(() -> workspaces.members(demo.workspaceId())).stream()
                .filter(m -> m.username().equals("viewer"))
                .findFirst()
                .orElseThrow()
                .userId();
        // A snapshot id to refuse access to: it exists, so a 404 means "not yours", not "no such thing".
        snapshot = 424242L;
    }

    String fill(String template) {
        return template.replace("{ws}", String.valueOf(demo.workspaceId()))
                .replace("{job}", String.valueOf(job))
                .replace("{snap}", String.valueOf(snapshot))
                .replace("{other}", String.valueOf(snapshot))
                .replace("{uidHash}", "0da08f51eaa85fc298e176a139b3649a")
                .replace("{member}", String.valueOf(member))
                .replace("{mapping}", "424242");
    }

    @TestFactory
    Stream<DynamicTest> without_credentials_every_endpoint_answers_401_as_a_problem_detail() {
        return ENDPOINTS.stream()
                .map(e -> dynamicTest(e.key(), () -> {
                    HttpResponse<String> response = api.call(e.method(), fill(e.template()), null, e.validBody());
                    JsonNode problem = api.expect(response, 401);
                    assertThat(response.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
                    assertThat(problem.path("status").asInt()).isEqualTo(401);
                    assertThat(api.call(e.method(), fill(e.template()), "Bearer sst_forged-token", e.validBody())
                                    .statusCode())
                            .isEqualTo(401);
                }));
    }

    @TestFactory
    Stream<DynamicTest> a_member_of_another_workspace_gets_the_same_404_as_for_a_missing_workspace() {
        String credentials = outsider + ":" + OUTSIDER_PASSWORD;
        return ENDPOINTS.stream()
                .filter(Endpoint::workspaceScoped)
                .map(e -> dynamicTest(e.key(), () -> {
                    JsonNode foreign =
                            api.expect(api.call(e.method(), fill(e.template()), credentials, e.validBody()), 404);
                    String missingPath = fill(e.template())
                            .replace("/workspaces/" + demo.workspaceId(), "/workspaces/987654321")
                            .replace("workspace=" + demo.workspaceId(), "workspace=987654321");
                    JsonNode missing = api.expect(api.call(e.method(), missingPath, credentials, e.validBody()), 404);
                    assertThat(foreign.path("detail").asText())
                            .isEqualTo(missing.path("detail").asText());
                    assertThat(foreign.path("title").asText()).isEqualTo("Not found");
                }));
    }

    @TestFactory
    Stream<DynamicTest> a_viewer_is_refused_every_change_with_403() {
        return ENDPOINTS.stream()
                .filter(Endpoint::mutating)
                .map(e -> dynamicTest(e.key(), () -> {
                    JsonNode problem = api.expect(api.call(e.method(), fill(e.template()), VIEWER, e.validBody()), 403);
                    assertThat(problem.path("title").asText()).isEqualTo("Forbidden");
                    assertThat(problem.path("detail").asText()).contains(e.requiredRole());
                }));
    }

    @TestFactory
    Stream<DynamicTest> wrong_input_is_a_400_problem_detail_naming_the_field() {
        return ENDPOINTS.stream()
                .filter(e -> e.invalid() != null)
                .map(e -> dynamicTest(e.key(), () -> {
                    String caller = e.key().startsWith("GET /api/v1/audit-events")
                                    || !e.requiredRole().equals("EDITOR")
                            ? ADMIN
                            : EDITOR;
                    HttpResponse<String> response = api.call(
                            e.method(),
                            fill(e.invalid().template()),
                            caller,
                            e.invalid().body());
                    JsonNode problem = api.expect(response, 400);
                    assertThat(response.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
                    assertThat(problem.path("errors").findValuesAsText("field"))
                            .contains(e.invalid().field());
                    assertThat(problem.path("detail").asText()).isNotBlank();
                }));
    }

    /** A full checkpoint through the API, once the console has recorded it. */
    private long triggerCheckpoint(String base) {
        long checkpointId = api.expect(api.call("POST", base + "/checkpoints", EDITOR, "{\"full\":true}"), 201)
                .path("checkpointId")
                .asLong();
        assertThat(checkpointId).isPositive();
        Await.until(
                Duration.ofSeconds(30),
                "checkpoint " + checkpointId + " recorded",
                () -> SystemIdentity.call(() ->
                                stateSets.checkpointHistory(demo.workspaceId(), job, Set.of("COMPLETED"), true, 0, 20))
                        .stream()
                        .anyMatch(c -> c.checkpointId() == checkpointId));
        return checkpointId;
    }

    @Test
    void the_table_covers_every_api_endpoint_and_the_openapi_document_lists_every_one() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern));
                }
            }
        });
        Set<String> tabled = ENDPOINTS.stream().map(Endpoint::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(tabled).as("endpoints in this test's table").isEqualTo(mapped);

        JsonNode document = api.expect(api.call("GET", "/v3/api-docs", null, null), 200);
        assertThat(document.path("openapi").asText()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(documented).as("operations in /v3/api-docs").isEqualTo(mapped);
        assertThat(document.path("components").path("securitySchemes").has("apiToken"))
                .isTrue();
        assertThat(api.call("GET", "/swagger-ui/index.html", null, null).statusCode())
                .as("Swagger UI")
                .isEqualTo(200);
    }

    @Test
    void every_endpoint_succeeds_for_the_right_role_in_a_real_session() {
        String base = fill(JOB);
        // Users, as an admin's script creates, disables and resets them.
        String newcomer = "newcomer-" + UUID.randomUUID().toString().substring(0, 6);
        long newcomerId = api.expect(
                        api.call(
                                "POST",
                                USERS,
                                ADMIN,
                                "{\"username\":\"" + newcomer + "\",\"password\":\"long-enough-password-1\"}"),
                        201)
                .path("id")
                .asLong();
        assertThat(api.expect(api.call("GET", USERS, ADMIN, null), 200).findValuesAsText("username"))
                .contains(newcomer);
        api.expect(
                api.call(
                        "POST",
                        USERS + "/" + newcomerId + "/password",
                        ADMIN,
                        "{\"password\":\"another-long-password-2\"}"),
                204);
        assertThat(api.call("GET", WORKSPACES, newcomer + ":another-long-password-2", null)
                        .statusCode())
                .as("the reset password works")
                .isEqualTo(200);
        assertThat(api.expect(api.call("PUT", USERS + "/" + newcomerId, ADMIN, "{\"enabled\":false}"), 200)
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(api.call("GET", WORKSPACES, newcomer + ":another-long-password-2", null)
                        .statusCode())
                .as("a disabled user is refused")
                .isEqualTo(401);
        assertThat(api.expect(api.call("GET", fill(WORKSPACES + "/{ws}/orphan-snapshots"), EDITOR, null), 200)
                        .isArray())
                .isTrue();

        // Workspaces and members, as an automation script sets a team up.
        String team = "team-" + UUID.randomUUID().toString().substring(0, 6);
        JsonNode made =
                api.expect(api.call("POST", WORKSPACES, ADMIN, WORKSPACE_BODY.replace("never-made", team)), 201);
        assertThat(made.path("engine").path("kind").asText()).isEqualTo("EMBEDDED");
        String teamPath = WORKSPACES + "/" + made.path("id").asLong();
        assertThat(api.expect(
                                api.call(
                                        "PUT",
                                        teamPath,
                                        ADMIN,
                                        WORKSPACE_BODY
                                                .replace("never-made", team)
                                                .replace("UTC", "Europe/Berlin")),
                                200)
                        .path("timeZone")
                        .asText())
                .isEqualTo("Europe/Berlin");
        assertThat(api.expect(
                                api.call(
                                        "POST",
                                        teamPath + "/members",
                                        ADMIN,
                                        "{\"username\":\"editor\",\"role\":\"VIEWER\"}"),
                                201)
                        .path("role")
                        .asText())
                .isEqualTo("VIEWER");
        long editorId =
                api.expect(api.call("GET", teamPath + "/members", EDITOR, null), 200).findParents("username").stream()
                        .filter(m -> m.path("username").asText().equals("editor"))
                        .findFirst()
                        .orElseThrow()
                        .path("userId")
                        .asLong();
        assertThat(api.expect(api.call("GET", teamPath, EDITOR, null), 200)
                        .path("engine")
                        .path("kind")
                        .asText())
                .isEqualTo("EMBEDDED");
        assertThat(api.expect(api.call("PUT", teamPath + "/members/" + editorId, ADMIN, "{\"role\":\"EDITOR\"}"), 200)
                        .findValuesAsText("role"))
                .contains("EDITOR");
        api.expect(api.call("DELETE", teamPath + "/members/" + editorId, ADMIN, null), 204);
        api.expect(api.call("GET", teamPath, EDITOR, null), 404);

        assertThat(api.expect(api.call("GET", "/api/v1/workspaces", VIEWER, null), 200)
                        .findValuesAsText("name"))
                .contains("demo");
        assertThat(api.expect(api.call("GET", fill(JOBS), VIEWER, null), 200).findValuesAsText("id"))
                .contains(String.valueOf(job));
        // Jobs are defined through the API as well: JSON with a jar reference, or multipart with the jar itself.
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        JsonNode defined = api.expect(
                api.call("POST", fill(JOBS), EDITOR, JOB_BODY.replace("matrix-defined", "defined-" + suffix)), 201);
        assertThat(defined.path("artifact").asText()).isEqualTo("builtin:demo-jobs");
        assertThat(defined.path("startUnavailable").isNull()).isTrue();
        JsonNode renamed = api.expect(
                api.call(
                        "PUT",
                        fill(JOBS) + "/" + defined.path("id").asLong(),
                        EDITOR,
                        JOB_BODY.replace("matrix-defined", "renamed-" + suffix)),
                200);
        assertThat(renamed.path("name").asText()).isEqualTo("renamed-" + suffix);
        JsonNode withJar = api.expect(
                api.call(
                        "POST",
                        fill(JOBS),
                        EDITOR,
                        ApiClient.multipartWithJson(
                                "job",
                                "{\"name\":\"with-jar-" + suffix + "\",\"programArgs\":\"--keys 2\"}",
                                "counter.jar",
                                demoJarBytes())),
                201);
        assertThat(withJar.path("artifact").asText()).matches("upload:[0-9a-f]{64}");
        assertThat(withJar.path("entryClass").asText())
                .as("from the jar's manifest")
                .isEqualTo(KEYED_COUNTER);
        assertThat(api.expect(api.call("GET", base + "/policy", VIEWER, null), 200)
                        .path("settings")
                        .isObject())
                .isTrue();
        assertThat(api.expect(api.call("PUT", base + "/policy", EDITOR, POLICY_BODY), 200)
                        .path("settings")
                        .path("keepCount")
                        .asInt())
                .isEqualTo(5);

        // The recovery-point objective, and the State health page's figures at the workspace's price.
        JsonNode objective = api.expect(
                api.call(
                        "PUT",
                        base + "/recovery-point",
                        EDITOR,
                        "{\"objectiveMinutes\":1440,\"snapshotOnBreach\":true}"),
                200);
        assertThat(objective.path("objectiveMinutes").asLong()).isEqualTo(1440);
        assertThat(objective.path("snapshotOnBreach").asBoolean()).isTrue();
        assertThat(api.expect(api.call("GET", base + "/recovery-point", VIEWER, null), 200)
                        .path("objectiveMinutes")
                        .asLong())
                .isEqualTo(1440);
        String wsPath = fill(WORKSPACES + "/{ws}");
        api.expect(
                api.call(
                        "PUT",
                        wsPath + "/settings",
                        ADMIN,
                        "{\"storagePricePerGbMonth\":0.023,\"blackoutWindows\":\"\",\"viewersSeeStateValues\":false}"),
                200);
        assertThat(api.expect(api.call("GET", wsPath + "/settings", VIEWER, null), 200)
                        .path("storagePricePerGbMonth")
                        .decimalValue())
                .isEqualByComparingTo("0.023");
        JsonNode health = api.expect(api.call("GET", wsPath + "/state-health", VIEWER, null), 200);
        assertThat(health.path("storagePricePerGbMonth").decimalValue()).isEqualByComparingTo("0.023");
        assertThat(health.path("jobs").findValuesAsText("jobId")).contains(String.valueOf(job));
        api.expect(
                api.call(
                        "PUT",
                        wsPath + "/settings",
                        ADMIN,
                        "{\"storagePricePerGbMonth\":null,\"blackoutWindows\":\"\",\"viewersSeeStateValues\":false}"),
                200);

        // The Configuration tab through the API: notes say what has no effect or is unknown; bad values are refused.
        JsonNode configured = api.expect(api.call("PUT", base + "/configuration", EDITOR, CONFIGURATION_BODY), 200);
        assertThat(configured
                        .path("job")
                        .path("stateParameters")
                        .path("flinkOptions")
                        .path("restart-strategy.type")
                        .asText())
                .isEqualTo("fixed-delay");
        assertThat(configured.path("notes").toString())
                .contains("no effect with the HashMap backend", "table.exec.mini-batch.enabled is not an option");
        assertThat(api.expect(
                                api.call(
                                        "PUT",
                                        base + "/configuration",
                                        EDITOR,
                                        CONFIGURATION_BODY.replace(
                                                "\"restart-strategy.type\":\"fixed-delay\"",
                                                "\"restart-strategy.fixed-delay.attempts\":\"many\"")),
                                400)
                        .path("detail")
                        .asText())
                .as("a value Flink's parser refuses")
                .contains("restart-strategy.fixed-delay.attempts");
        api.expect(api.call("POST", base + "/start", EDITOR, "{\"strategy\":\"STATELESS\"}"), 202);
        awaitStatus(JobStatus.RUNNING);
        // The cluster's jobs name the console's job each is a run of; a managed one is not adopted twice.
        String engineJobId = api.expect(api.call("GET", base, VIEWER, null), 200)
                .path("engineJobId")
                .asText();
        JsonNode clusterJobs =
                api.expect(api.call("GET", fill("/api/v1/workspaces/{ws}/engine-jobs"), VIEWER, null), 200);
        assertThat(clusterJobs.findParents("engineJobId"))
                .filteredOn(j -> j.path("engineJobId").asText().equals(engineJobId))
                .singleElement()
                .satisfies(j -> {
                    assertThat(j.path("managedJobId").asLong()).isEqualTo(job);
                    assertThat(j.path("status").asText()).isEqualTo("RUNNING");
                    assertThat(j.path("startTime").isNull()).isFalse();
                });
        assertThat(api.expect(
                                api.call(
                                        "POST",
                                        fill(JOBS + "/adopt"),
                                        EDITOR,
                                        "{\"engineJobId\":\"" + engineJobId + "\",\"name\":\"twice\"}"),
                                400)
                        .path("detail")
                        .asText())
                .contains("already manages");
        assertThat(api.expect(api.call("GET", base, VIEWER, null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("RUNNING");

        JsonNode created = api.expect(
                api.call("POST", base + "/snapshots", EDITOR, "{\"format\":\"CANONICAL\",\"description\":\"matrix\"}"),
                202);
        assertThat(created.path("status").asText()).isEqualTo("IN_PROGRESS");
        long first = created.path("id").asLong();
        assertThat(awaitSnapshot(first).path("status").asText()).isEqualTo("COMPLETED");
        JsonNode page =
                api.expect(api.call("GET", base + "/snapshots?status=COMPLETED&page=0&size=10", VIEWER, null), 200);
        assertThat(page.path("items").findValuesAsText("id")).contains(String.valueOf(first));
        assertThat(page.path("total").asLong()).isEqualTo(1);
        api.expect(api.call("GET", base + "/checkpoints", VIEWER, null), 200);

        JsonNode deleted = api.expect(api.call("DELETE", base + "/snapshots/" + first, EDITOR, null), 200);
        assertThat(deleted.path("status").asText()).isIn("DELETING", "DELETED");

        // A full checkpoint on request; a checkpoint is kept as a job snapshot only once Flink no longer deletes it.
        triggerCheckpoint(base);
        assertThat(api.expect(api.call("POST", base + "/checkpoints/latest/keep", EDITOR, null), 400)
                        .path("detail")
                        .asText())
                .as("not while Flink may still subsume it")
                .contains("running job");
        JsonNode stopped =
                api.expect(api.call("POST", base + "/stop", EDITOR, "{\"withSnapshot\":true,\"drain\":false}"), 202);
        long stopSnapshot = stopped.path("snapshot").path("id").asLong();
        assertThat(awaitSnapshot(stopSnapshot).path("status").asText()).isEqualTo("COMPLETED");
        awaitStatus(JobStatus.CANCELED, JobStatus.FINISHED, JobStatus.STOPPED);
        assertThat(api.expect(api.call("POST", base + "/checkpoints/latest/keep", EDITOR, null), 400)
                        .path("detail")
                        .asText())
                .as("stop with a snapshot finishes the job: Flink deleted its checkpoints")
                .contains("is gone", "when it finishes");

        JsonNode inside =
                api.expect(api.call("GET", base + "/snapshots/" + stopSnapshot + "/operators", VIEWER, null), 200);
        assertThat(inside.path("stateBytes").asLong()).isPositive();
        JsonNode keyed = inside.path("operators").get(0);
        assertThat(keyed.path("uidHash").asText()).hasSize(32);
        assertThat(keyed.path("states").findValuesAsText("scope")).contains("KEYED");
        JsonNode same = api.expect(
                api.call("GET", base + "/snapshots/" + stopSnapshot + "/compare/" + stopSnapshot, VIEWER, null), 200);
        assertThat(same.path("operators").findValuesAsText("change")).containsOnly("UNCHANGED");
        String entries = base + "/snapshots/" + stopSnapshot + "/operators/"
                + keyed.path("uidHash").asText() + "/entries?state=count&limit=2";
        JsonNode keysOnly = api.expect(api.call("GET", entries, VIEWER, null), 200);
        assertThat(keysOnly.path("valuesShown").asBoolean())
                .as("viewers: keys only by default")
                .isFalse();
        assertThat(keysOnly.path("entries").findValuesAsText("key")).hasSize(2);
        assertThat(keysOnly.path("entries").get(0).path("value").isNull()).isTrue();
        JsonNode withValues = api.expect(api.call("GET", entries + "&key=key-1", EDITOR, null), 200);
        assertThat(withValues.path("entries").get(0).path("value").asLong()).isPositive();
        JsonNode compatible =
                api.expect(api.call("GET", base + "/snapshots/" + stopSnapshot + "/compatibility", EDITOR, null), 200);
        assertThat(compatible.path("droppedState").size())
                .as("its own stop snapshot drops nothing")
                .isZero();
        JsonNode started = api.expect(
                api.call(
                        "POST",
                        base + "/start",
                        EDITOR,
                        "{\"strategy\":\"SNAPSHOT\",\"snapshotId\":" + stopSnapshot
                                + ",\"allowNonRestoredState\":false}"),
                202);
        assertThat(started.path("id").asLong()).isEqualTo(job);
        awaitStatus(JobStatus.RUNNING);
        long secondCheckpoint = triggerCheckpoint(base);
        api.expect(api.call("POST", base + "/stop", EDITOR, "{\"withSnapshot\":false}"), 202);
        awaitStatus(JobStatus.CANCELED, JobStatus.STOPPED);
        assertThat(api.expect(api.call("GET", base + "/runs", VIEWER, null), 200)
                        .size())
                .as("the first run and the restored one")
                .isGreaterThanOrEqualTo(2);
        JsonNode kept = api.expect(api.call("POST", base + "/checkpoints/latest/keep", EDITOR, null), 201);
        assertThat(kept.path("trigger").asText()).isEqualTo("EXTERNAL");
        assertThat(kept.path("status").asText()).isEqualTo("COMPLETED");
        // The run's latest: the one taken above, or a periodic one (every minute) that completed before the stop.
        assertThat(kept.path("description").asText()).matches("kept checkpoint \\d+ of run .*");
        assertThat(Long.parseLong(kept.path("description").asText().replaceAll("kept checkpoint (\\d+) .*", "$1")))
                .isGreaterThanOrEqualTo(secondCheckpoint);

        assertThat(api.expect(
                                api.call(
                                        "GET",
                                        "/api/v1/cron/preview?expression="
                                                + URLEncoder.encode("0 9 * * 1-5", StandardCharsets.UTF_8),
                                        VIEWER,
                                        null),
                                200)
                        .path("next")
                        .size())
                .isEqualTo(5);

        // The audit log saw all of it, as API actions of the editor, and an owner of this workspace can read it.
        JsonNode audit = api.expect(
                api.call(
                        "GET",
                        "/api/v1/audit-events?workspace=" + demo.workspaceId() + "&actor=editor&source=API&size=100",
                        ADMIN,
                        null),
                200);
        List<String> actions = new ArrayList<>();
        audit.path("items")
                .forEach(event -> actions.add(event.path("action").asText() + ":"
                        + event.path("targetId").asText()));
        assertThat(actions)
                .contains(
                        "policy.update:" + job,
                        "job.start:" + job,
                        "job.stop:" + job,
                        "snapshot.create:" + first,
                        "snapshot.delete:" + first);
        assertThat(audit.path("items").findValuesAsText("source")).containsOnly("API");
    }

    private void awaitStatus(JobStatus... expected) {
        Set<String> names = Stream.of(expected).map(Enum::name).collect(Collectors.toSet());
        Await.until(
                Duration.ofSeconds(60),
                "job " + job + " in " + names,
                () -> api.expect(api.call("GET", fill(JOB), VIEWER, null), 200)
                        .path("status")
                        .asText(),
                names::contains);
    }

    private JsonNode awaitSnapshot(long id) {
        return Await.until(
                Duration.ofSeconds(60),
                "snapshot " + id + " done",
                () -> api.expect(api.call("GET", fill(JOB) + "/snapshots/" + id, VIEWER, null), 200),
                s -> !s.path("status").asText().equals("IN_PROGRESS"));
    }
}
