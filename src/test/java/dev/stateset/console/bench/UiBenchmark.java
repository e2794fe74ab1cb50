package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;
import static dev.stateset.console.bench.Report.percentile;

import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.WorkspaceService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Vaadin sessions of the running console (production frontend bundle) over loopback HTTP, as a browser starts them:
 * the login form POST, then a job page: its index.html, Flow's {@code ?v-r=init} request (the server-side UI) and
 * the client router's {@code ui-navigate} event (the view). Memory: heap after full GC before and after 200 sessions holding a UI on the job
 * page, divided by 200 (one shared HTTP client, so the client side adds next to nothing to the heap). Latency: 500
 * simulated users, 64 at a time, each logging in and opening Overview, History and Configuration.
 */
final class UiBenchmark {

    static final int MEMORY_SESSIONS = 200;
    static final int USERS = 500;
    static final int CONCURRENCY = 64;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_PARAMETER = Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");

    static Report run() throws Exception {
        Report report = new Report("UI sessions: memory per session on the job page, 500 simulated users");
        try (ConfigurableApplicationContext console = BenchConsole.start(Map.of("server.port", "0", "logging.level.root", "warn"))) {
            int port = ((WebServerApplicationContext) console).getWebServer().getPort();
            long ws = SystemIdentity.call(() -> console.getBean(WorkspaceService.class).listMine().stream()
                    .filter(w -> w.name().equals("demo")).findFirst().orElseThrow().id());
            long job = SystemIdentity.call(() -> console.getBean(JobService.class).list(ws).stream()
                    .filter(j -> j.name().equals("keyed-counter")).findFirst().orElseThrow().id());
            String jobPage = "workspaces/" + ws + "/jobs/" + job + "/state-sets/";
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            Browser warmup = new Browser(http, port);
            warmup.login();
            for (String tab : List.of("overview", "history", "configuration")) {
                warmup.open(jobPage + tab);
            }

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = usedAfterGc(memory);
            List<Browser> kept = new ArrayList<>();
            for (int i = 0; i < MEMORY_SESSIONS; i++) {
                Browser browser = new Browser(http, port);
                browser.login();
                browser.open(jobPage + "overview");
                kept.add(browser);
            }
            long after = usedAfterGc(memory);
            double perSession = (after - before) / (double) MEMORY_SESSIONS / 1024;
            report.figure("retained heap per session with a UI on the job page", f("%.0f KB", perSession), "≤ 150 KB", perSession <= 150)
                    .figure("  heap after GC: before / after 200 sessions", f("%,d / %,d KB", before / 1024, after / 1024), "", null);

            for (int concurrency : new int[] {CONCURRENCY, 8}) {
                load(report, http, port, jobPage, concurrency);
            }
            report.note("Simulated, not a browser: each tab is opened by URL (a new UI in the same session, as a reload would); grid paging "
                    + "and push are client-driven RPCs that these users do not send. BCrypt runs at the test profile's cost 4 "
                    + "(production: 10). Client and server share the 2 cores.");
            kept.clear();
        }
        return report;
    }

    private static void load(Report report, HttpClient http, int port, String jobPage, int concurrency) throws Exception {
        List<Long> logins = Collections.synchronizedList(new ArrayList<>());
        List<Long> pages = Collections.synchronizedList(new ArrayList<>());
        List<Long> roundTrips = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService users = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < USERS; i++) {
            users.submit(() -> {
                try {
                    Browser browser = new Browser(http, port);
                    logins.add(browser.login());
                    for (String tab : List.of("overview", "history", "configuration")) {
                        pages.add(browser.open(jobPage + tab, roundTrips));
                    }
                } catch (Exception e) {
                    errors.add(e.toString());
                }
            });
        }
        users.shutdown();
        boolean finished = users.awaitTermination(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] l = logins.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] p = pages.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] all = java.util.stream.LongStream.concat(java.util.Arrays.stream(l), roundTrips.stream().mapToLong(Long::longValue)).sorted().toArray();
        report.figure(f("500 users × (login + 3 job tabs), %d at a time", concurrency), f("%,d round trips in %.1f s, %d errors", all.length,
                seconds, errors.size()), "no errors", errors.isEmpty() && finished)
                .figure("  server round trip (every HTTP request) p50 / p95", f("%d / %d ms", percentile(all, 50), percentile(all, 95)), "p95 < 150 ms",
                        percentile(all, 95) < 150)
                .figure("  login (form POST) p50 / p95", f("%d / %d ms", percentile(l, 50), percentile(l, 95)), "", null)
                .figure("  job tab (index.html + init + navigate: 3 round trips) p50 / p95", f("%d / %d ms", percentile(p, 50), percentile(p, 95)), "", null);
        if (!errors.isEmpty()) {
            report.note("first error: " + errors.get(0));
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** One simulated browser: its session cookie, the login form, pages opened by URL. */
    static final class Browser {
        private final HttpClient http;
        private final int port;
        private String session;

        Browser(HttpClient http, int port) {
            this.http = http;
            this.port = port;
        }

        /** @return milliseconds of the login POST (the login page GET before it is not counted) */
        long login() throws Exception {
            HttpResponse<String> page = send(HttpRequest.newBuilder(uri("login")).GET());
            Matcher token = CSRF.matcher(page.body());
            Matcher parameter = CSRF_PARAMETER.matcher(page.body());
            String form = "username=editor&password=" + URLEncoder.encode(BootstrapProperties.DEMO_EDITOR_PASSWORD, StandardCharsets.UTF_8)
                    + (token.find() ? "&" + (parameter.find() ? parameter.group(1) : "_csrf") + "=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) : "");
            long t0 = System.nanoTime();
            HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String location = posted.headers().firstValue("Location").orElse("");
            if (posted.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("login refused: HTTP " + posted.statusCode() + " → " + location);
            }
            return ms;
        }

        /**
         * The page (index.html), Flow's {@code ?v-r=init} (the UI), then the {@code ui-navigate} event the client router
         * sends to the UI (node 1) to build the route's view: the three round trips of opening a page.
         */
        long open(String path) throws Exception {
            return open(path, new ArrayList<>());
        }

        /** As {@link #open(String)}, adding each round trip's milliseconds to {@code roundTrips}. */
        long open(String path, List<Long> roundTrips) throws Exception {
            long t0 = System.nanoTime();
            HttpResponse<String> page = send(HttpRequest.newBuilder(uri(path)).GET());
            long t1 = System.nanoTime();
            HttpResponse<String> init = send(HttpRequest.newBuilder(uri("?v-r=init&location=" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                    + "&query=")).GET());
            com.fasterxml.jackson.databind.JsonNode config = JSON.readTree(init.body()).path("appConfig");
            com.fasterxml.jackson.databind.JsonNode uidl = config.path("uidl");
            var event = JSON.createObjectNode();
            event.put("csrfToken", uidl.path("Vaadin-Security-Key").asText());
            var rpc = event.putArray("rpc").addObject();
            rpc.put("type", "event").put("node", 1).put("event", "ui-navigate");
            rpc.putObject("data").put("route", path).put("query", "").put("appShellTitle", "").put("trigger", "").putObject("historyState")
                    .put("idx", 0);
            event.put("syncId", uidl.path("syncId").asInt()).put("clientId", uidl.path("clientId").asInt());
            long t2 = System.nanoTime();
            HttpResponse<String> view = send(HttpRequest.newBuilder(uri("?v-r=uidl&v-uiId=" + config.path("v-uiId").asInt()))
                    .header("Content-Type", "application/json; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(event.toString())));
            long t3 = System.nanoTime();
            long ms = (t3 - t0) / 1_000_000;
            roundTrips.add((t1 - t0) / 1_000_000);
            roundTrips.add((t2 - t1) / 1_000_000);
            roundTrips.add((t3 - t2) / 1_000_000);
            if (page.statusCode() != 200 || init.statusCode() != 200 || view.statusCode() != 200 || !view.body().contains("keyed-counter")) {
                throw new IllegalStateException(path + ": HTTP " + page.statusCode() + "/" + init.statusCode() + "/" + view.statusCode()
                        + " without the job page: " + view.body().substring(0, Math.min(500, view.body().length())));
            }
            return ms;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (session != null) {
                request.header("Cookie", "JSESSIONID=" + session);
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                if (cookie.startsWith("JSESSIONID=")) {
                    session = cookie.substring("JSESSIONID=".length(), cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
                }
            }
            return response;
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + "/" + path);
        }
    }
}
