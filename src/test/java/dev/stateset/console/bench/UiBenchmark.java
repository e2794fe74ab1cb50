package dev.stateset.console.bench;

import static dev.stateset.console.bench.Report.f;
import static dev.stateset.console.bench.Report.percentile;

import dev.stateset.console.job.JobService;
import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.security.SystemIdentity;
import dev.stateset.console.workspace.WorkspaceService;
import java.lang.management.ManagementFactory;
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
 * Vaadin sessions of the running console (production frontend bundle) over loopback HTTP, speaking Flow's own requests
 * as a browser does: the login form POST; opening a job page (its index.html, Flow's {@code ?v-r=init} that creates
 * the server-side UI, and the client router's {@code ui-navigate} event that builds the view); switching tabs inside
 * that UI ({@code ui-navigate} to the other tab's route, one round trip, as a click on a tab link sends it); paging the
 * History grid (the grid's {@code setViewportRange} call, as scrolling sends it).
 *
 * <p>Memory: heap after full GC before and after 200 sessions holding a UI on the job page, divided by 200 (the 200
 * browsers run in a JVM of their own, so that only the console's side is counted). Latency: 500 concurrent users, each logged in
 * with a UI open for the whole run, acting every 2–8 s (think time, mean 5 s) for a bounded time; then the capacity:
 * the same actions back to back, 8 users in flight, no think time.
 */
final class UiBenchmark {

    static final int MEMORY_SESSIONS = 200;
    static final int USERS = 500;
    /** Logins are spread over this ramp (10 per second), then every user keeps acting until the end of the steady phase. */
    static final Duration RAMP = Duration.ofSeconds(50);

    static final Duration STEADY = Duration.ofSeconds(60);
    static final int CAPACITY_IN_FLIGHT = 8;
    /** Snapshots in the job's history, so that paging the History grid pages through real rows (50 per page). */
    static final int HISTORY = 300;

    static final List<String> TABS = List.of("overview", "history", "configuration");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern SYNC_ID = Pattern.compile("\"syncId\"\\s*:\\s*(\\d+)");
    /** Whether simulated pages open their push channel (as browsers do); {@code -Dbench.jvm=-Dbench.ui.push=false} to compare. */
    static final boolean PUSH = !"false".equals(System.getProperty("bench.ui.push"));
    /** Pushed UIDL messages received by all simulated browsers. */
    static final java.util.concurrent.atomic.AtomicInteger PUSHES = new java.util.concurrent.atomic.AtomicInteger();
    /** Per browser, milliseconds from a snapshot's completion (its row committed) to the first push after it. */
    static final List<Long> PUSH_DELAYS = Collections.synchronizedList(new ArrayList<>());
    /** When the last snapshot completed (System.nanoTime; 0 before the first). */
    static volatile long lastCompletion;

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_PARAMETER =
            Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");

    static Report run() throws Exception {
        Report report = new Report("UI sessions: memory per session on the job page, 500 simulated users");
        try (ConfigurableApplicationContext console =
                BenchConsole.start(Map.of("server.port", "0", "logging.level.root", "warn"))) {
            int port = ((WebServerApplicationContext) console).getWebServer().getPort();
            long ws = SystemIdentity.call(() -> console.getBean(WorkspaceService.class).listMine().stream()
                    .filter(w -> w.name().equals("demo"))
                    .findFirst()
                    .orElseThrow()
                    .id());
            long job = SystemIdentity.call(() -> console.getBean(JobService.class).list(ws).stream()
                    .filter(j -> j.name().equals("keyed-counter"))
                    .findFirst()
                    .orElseThrow()
                    .id());
            String jobPage = "workspaces/" + ws + "/jobs/" + job + "/state-sets/";
            // A job with a history to page through: 300 finished snapshots (rows only) behind the History grid.
            java.sql.Timestamp earlier =
                    java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(30)));
            List<Object[]> history = new ArrayList<>();
            for (int i = 0; i < HISTORY; i++) {
                history.add(new Object[] {
                    job, "bench history " + i, "bench-history-" + i, earlier, earlier, "file:/bench/savepoint-" + i
                });
            }
            console.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                    .batchUpdate(
                            "insert into job_snapshot (job_id, trigger_kind, format, "
                                    + "description, status, trigger_id, created_by, created_at, completed_at, location, size_bytes, duration_ms) values "
                                    + "(?, 'SCHEDULED', 'CANONICAL', ?, 'COMPLETED', ?, 'system', ?, ?, ?, 1048576, 1200)",
                            history);
            HttpClient http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Browser warmup = new Browser(http, port);
            warmup.login();
            for (String tab : List.of("overview", "history", "configuration")) {
                warmup.open(jobPage + tab);
            }

            // Live bytes from the JVM's class histogram (it collects first): the used heap after System.gc() also
            // counted what the embedded Flink allocated meanwhile, ±40 MB between two readings.
            Map<String, Long> classesBefore = classHistogram();
            long before = classesBefore.get(LIVE_TOTAL);
            // The 200 browsers live in a JVM of their own: with their push channels open, the client's WebSocket
            // buffers would otherwise be counted as the console's (docs/benchmarks.md, section 5).
            MemoryClients clients = MemoryClients.start(port, jobPage + "overview", MEMORY_SESSIONS);
            clients.await("OPENED");
            long opened = classHistogram().get(LIVE_TOTAL);
            // A browser on the Overview polls every 5 s; its first poll replaces the last response Flow keeps per UI
            // (for resending a lost one), which right after opening is the whole page's UIDL.
            clients.command("poll", "POLLED");
            Map<String, Long> classesAfter = classHistogram();
            long after = classesAfter.get(LIVE_TOTAL);
            double perSession = (after - before) / (double) MEMORY_SESSIONS / 1024;
            report.figure(
                            "retained heap per session with a UI on the job page (after its first poll)",
                            f("%.0f KB", perSession),
                            "≤ 150 KB",
                            perSession <= 150)
                    .figure(
                            "  right after opening (Flow still holds the page's UIDL response for a resend)",
                            f("%.0f KB", (opened - before) / (double) MEMORY_SESSIONS / 1024),
                            "",
                            null)
                    .figure(
                            "  heap after GC: before / after 200 sessions",
                            f("%,d / %,d KB", before / 1024, after / 1024),
                            "",
                            null)
                    .note("Per session, the classes that grew most (live objects, bytes): "
                            + topGrowth(classesBefore, classesAfter, 12));
            String heapDump = System.getProperty("bench.ui.heapDump");
            if (heapDump != null) {
                // Live objects only, for retained sizes by GC root (docs/benchmarks.md, section 5).
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                        .dumpHeap(heapDump, true);
            }
            clients.close();
            if (Boolean.getBoolean("bench.ui.memoryOnly")) {
                return report;
            }

            console.addApplicationListener(org.springframework.context.ApplicationListener.forPayload(
                    (dev.stateset.console.stateset.SnapshotFinished event) -> lastCompletion = System.nanoTime()));
            concurrentUsers(
                    report,
                    http,
                    port,
                    jobPage,
                    () -> SystemIdentity.run(() -> console.getBean(dev.stateset.console.stateset.SnapshotService.class)
                            .create(
                                    ws,
                                    job,
                                    dev.stateset.console.stateset.SnapshotFormat.CANONICAL,
                                    "bench: while users act")));
            capacity(report, http, port, jobPage);
            report.note(
                    "Simulated, not a browser: Flow's requests and its push channel (a WebSocket per page) without the browser's rendering; every user's actions are "
                            + "real server round trips on its own UI (tab switch: ui-navigate; paging: the grid's setViewportRange). BCrypt runs "
                            + "at the test profile's cost 4 (production: 10). Client and server share the 2 cores.");
        }
        return report;
    }

    /**
     * 500 users logged in at the same time, each with a UI on the job page for the whole run: logins spread over the ramp,
     * then every 2–8 s an action (switch to another tab, or page the History grid while on History) until the end.
     */
    private static void concurrentUsers(Report report, HttpClient http, int port, String jobPage, Runnable takeSnapshot)
            throws Exception {
        PUSHES.set(0);
        PUSH_DELAYS.clear();
        List<Browser> opened = Collections.synchronizedList(new ArrayList<>());
        List<Long> loginTrips = Collections.synchronizedList(new ArrayList<>());
        List<Long> actionTrips = Collections.synchronizedList(new ArrayList<>());
        List<Long> pollTrips = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger tabSwitches = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger pagings = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService users =
                Executors.newScheduledThreadPool(32, work -> new Thread(work, "bench-user"));
        long start = System.nanoTime();
        long cpu0 = processCpuNanos();
        long end = start + RAMP.plus(STEADY).toNanos();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(USERS);
        // Several HTTP clients: one JDK client has a single selector thread and one lock for its timers, which 500
        // users' requests would queue on (measured: 14 s blocked on it in a run); the benchmark measures the server.
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clients.add(HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build());
        }
        for (int i = 0; i < USERS; i++) {
            int user = i;
            java.util.Random random = new java.util.Random(i);
            long loginAt = RAMP.toMillis() * i / USERS;
            users.schedule(
                    () -> {
                        try {
                            Browser browser = new Browser(clients.get(user % clients.size()), port);
                            opened.add(browser);
                            loginTrips.add(browser.login());
                            browser.open(jobPage + "overview", loginTrips);
                            poll(users, browser, end, pollTrips, errors);
                            act(users, browser, jobPage, random, end, actionTrips, tabSwitches, pagings, errors, done);
                        } catch (Exception e) {
                            errors.add(e.toString());
                            done.countDown();
                        }
                    },
                    loginAt,
                    TimeUnit.MILLISECONDS);
        }
        // Snapshots of the job every 5 s once everyone is in: each start and each completion is pushed to every page.
        java.util.concurrent.atomic.AtomicInteger snapshotsTaken = new java.util.concurrent.atomic.AtomicInteger();
        List<String> snapshotErrors = Collections.synchronizedList(new ArrayList<>());
        users.scheduleWithFixedDelay(
                () -> {
                    if (System.nanoTime() > end) {
                        return;
                    }
                    try {
                        takeSnapshot.run();
                        snapshotsTaken.incrementAndGet();
                    } catch (RuntimeException e) {
                        snapshotErrors.add(e.toString());
                    }
                },
                RAMP.toMillis(),
                5000,
                TimeUnit.MILLISECONDS);
        boolean finished = done.await(RAMP.plus(STEADY).plusMinutes(3).toSeconds(), TimeUnit.SECONDS);
        double clientCpuSeconds = clientCpuNanos() / 1e9; // before the user threads end
        users.shutdownNow();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        synchronized (opened) {
            opened.forEach(Browser::close);
        }
        double cpuShare = cpuSeconds / seconds / Runtime.getRuntime().availableProcessors() * 100;
        long[] logins = loginTrips.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] actions =
                actionTrips.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] polls = pollTrips.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] delays;
        synchronized (PUSH_DELAYS) {
            delays = PUSH_DELAYS.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long[] all = java.util.stream.LongStream.concat(
                        java.util.stream.LongStream.concat(
                                java.util.Arrays.stream(logins), java.util.Arrays.stream(actions)),
                        java.util.Arrays.stream(polls))
                .sorted()
                .toArray();
        report.figure(
                        f(
                                "%d concurrent users: log in over %d s, then act every 2–8 s until %d s; each page with its push channel open",
                                USERS, RAMP.toSeconds(), RAMP.plus(STEADY).toSeconds()),
                        f(
                                "%,d round trips in %.0f s (%.0f/s), %d errors",
                                all.length, seconds, all.length / seconds, errors.size()),
                        "no errors",
                        errors.isEmpty() && finished)
                .figure(
                        "  server round trip (every request) p50 / p95",
                        f("%d / %d ms", percentile(all, 50), percentile(all, 95)),
                        "p95 < 150 ms",
                        percentile(all, 95) < 150)
                .figure(
                        "  login and job page (POST, index.html, init, navigate) p50 / p95",
                        f("%d / %d ms", percentile(logins, 50), percentile(logins, 95)),
                        "",
                        null)
                .figure(
                        "  actions: tab switches / History grid pages",
                        f("%,d / %,d", tabSwitches.get(), pagings.get()),
                        "",
                        null)
                .figure(
                        "  action round trip p50 / p95",
                        f("%d / %d ms", percentile(actions, 50), percentile(actions, 95)),
                        "",
                        null)
                .figure(
                        "  snapshots of the job taken while users act (every 5 s after the ramp; each start and completion pushed)",
                        f("%d (%d refused)", snapshotsTaken.get(), snapshotErrors.size()),
                        "",
                        snapshotsTaken.get() > 0)
                .figure(
                        "  pushed updates received / per page, delay from a completion to the page's push p50 / p95",
                        f(
                                "%,d / %.1f, %d / %d ms",
                                PUSHES.get(),
                                PUSHES.get() / (double) USERS,
                                percentile(delays, 50),
                                percentile(delays, 95)),
                        "",
                        PUSHES.get() > 0)
                .figure(
                        "  polls (pages poll only when the server sets an interval; none does since stage 10)",
                        f("%,d", polls.length),
                        "",
                        null)
                .figure(
                        "  CPU of the JVM (console, its embedded Flink and the simulated users)",
                        f("%.0f %% of %d cores", cpuShare, Runtime.getRuntime().availableProcessors()),
                        "",
                        null)
                .figure(
                        "  CPU per round trip: all / the simulated users' own threads (at least)",
                        f(
                                "%.1f / %.1f ms",
                                cpuSeconds * 1000 / Math.max(1, all.length),
                                clientCpuSeconds * 1000 / Math.max(1, all.length)),
                        "",
                        null);
        if (!errors.isEmpty()) {
            report.note("first error: " + errors.get(0));
        }
        if (!snapshotErrors.isEmpty()) {
            report.note("first refused snapshot: " + snapshotErrors.get(0));
        }
    }

    /** One user's next action after its think time; reschedules itself until the end of the run. */
    private static void act(
            java.util.concurrent.ScheduledExecutorService users,
            Browser browser,
            String jobPage,
            java.util.Random random,
            long end,
            List<Long> trips,
            java.util.concurrent.atomic.AtomicInteger tabSwitches,
            java.util.concurrent.atomic.AtomicInteger pagings,
            List<String> errors,
            java.util.concurrent.CountDownLatch done) {
        long think = 2000 + random.nextInt(6001);
        if (System.nanoTime() + think * 1_000_000 > end) {
            done.countDown();
            return;
        }
        users.schedule(
                () -> {
                    try {
                        synchronized (browser) { // one request at a time per UI, like Flow's client
                            if (browser.onHistory() && random.nextBoolean()) {
                                trips.add(browser.pageGrid(random.nextInt(HISTORY / 50) * 50, 50));
                                pagings.incrementAndGet();
                            } else {
                                List<String> others = TABS.stream()
                                        .filter(t -> !browser.route().endsWith(t))
                                        .toList();
                                trips.add(browser.navigate(jobPage + others.get(random.nextInt(others.size()))));
                                tabSwitches.incrementAndGet();
                            }
                        }
                        act(users, browser, jobPage, random, end, trips, tabSwitches, pagings, errors, done);
                    } catch (Exception e) {
                        errors.add(e.toString());
                        done.countDown();
                    }
                },
                think,
                TimeUnit.MILLISECONDS);
    }

    /** The page's own polling, at the interval the server set on the UI (it changes with the tab and its state). */
    private static void poll(
            java.util.concurrent.ScheduledExecutorService users,
            Browser browser,
            long end,
            List<Long> trips,
            List<String> errors) {
        int interval = browser.pollInterval();
        long delay = interval > 0 ? interval : 1000; // no polling on this page: look again in a second
        if (System.nanoTime() + delay * 1_000_000 > end) {
            return;
        }
        users.schedule(
                () -> {
                    try {
                        synchronized (browser) {
                            if (browser.pollInterval() > 0) {
                                trips.add(browser.poll());
                            }
                        }
                        poll(users, browser, end, trips, errors);
                    } catch (Exception e) {
                        errors.add("poll: " + e);
                    }
                },
                delay,
                TimeUnit.MILLISECONDS);
    }

    /** The most the two cores serve: users log in, open the job page and switch through the tabs back to back, 8 at a time. */
    private static void capacity(Report report, HttpClient http, int port, String jobPage) throws Exception {
        List<Long> trips = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService users = Executors.newFixedThreadPool(CAPACITY_IN_FLIGHT);
        long start = System.nanoTime();
        long cpu0 = processCpuNanos();
        for (int i = 0; i < 200; i++) {
            users.submit(() -> {
                try {
                    Browser browser = new Browser(http, port);
                    trips.add(browser.login());
                    browser.open(jobPage + "overview", trips);
                    trips.add(browser.navigate(jobPage + "history"));
                    trips.add(browser.pageGrid(50, 50));
                    trips.add(browser.navigate(jobPage + "configuration"));
                    browser.close();
                } catch (Exception e) {
                    errors.add(e.toString());
                }
            });
        }
        users.shutdown();
        boolean finished = users.awaitTermination(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMsPerTrip = (processCpuNanos() - cpu0) / 1e6 / Math.max(1, trips.size());
        long[] all = trips.stream().mapToLong(Long::longValue).sorted().toArray();
        report.figure(
                f("capacity: 200 users back to back, %d in flight, no think time", CAPACITY_IN_FLIGHT),
                f(
                        "%.0f round trips/s, p50 / p95 %d / %d ms, %.1f ms CPU per round trip, %d errors",
                        all.length / seconds, percentile(all, 50), percentile(all, 95), cpuMsPerTrip, errors.size()),
                "",
                errors.isEmpty() && finished);
    }

    /** CPU so far of the simulated users' threads and the JDK HTTP clients' threads that are still alive. */
    private static long clientCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && (info.getThreadName().startsWith("bench-user")
                            || info.getThreadName().startsWith("HttpClient-"))) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The class histogram's key for the bytes of all live objects. */
    private static final String LIVE_TOTAL = "(all live objects)";

    /** Bytes of live objects per class, from the JVM's own class histogram (it runs a full GC first). */
    private static Map<String, Long> classHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        Map<String, Long> bytes = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            // "  1:   12345   678900  java.lang.String (java.base@17)"
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                bytes.merge(columns[3], Long.parseLong(columns[2]), Long::sum);
            } else if (columns.length == 3 && columns[0].equals("Total")) {
                bytes.put(LIVE_TOTAL, Long.parseLong(columns[2]));
            }
        }
        return bytes;
    }

    private static String topGrowth(Map<String, Long> before, Map<String, Long> after, int count) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0 && !e.getKey().equals(LIVE_TOTAL))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(count)
                .map(e -> f("%s %.1f KB", e.getKey().replaceAll("^.*\\.", ""), e.getValue() / 1024.0 / MEMORY_SESSIONS))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The memory phase's browsers in a child JVM (same class path): it opens {@code count} sessions on the page, says
     * {@code OPENED}, answers {@code poll} with {@code POLLED} after one poll each, and closes them when its input ends.
     */
    static final class MemoryClients implements AutoCloseable {
        private final Process process;
        private final java.io.BufferedReader out;
        private final java.io.Writer in;

        private MemoryClients(Process process) {
            this.process = process;
            this.out = process.inputReader(StandardCharsets.UTF_8);
            this.in = process.outputWriter(StandardCharsets.UTF_8);
        }

        static MemoryClients start(int port, String page, int count) throws Exception {
            Process process = new ProcessBuilder(
                            java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx1g",
                            "-Dbench.ui.push=" + PUSH,
                            "-cp",
                            System.getProperty("java.class.path"),
                            MemoryClients.class.getName(),
                            String.valueOf(port),
                            page,
                            String.valueOf(count))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new MemoryClients(process);
        }

        void await(String word) throws Exception {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals(word)) {
                    return;
                }
                System.out.println("memory clients: " + line);
            }
            throw new IllegalStateException("the memory clients ended before " + word + ": exit " + process.waitFor());
        }

        void command(String command, String answer) throws Exception {
            in.write(command + "\n");
            in.flush();
            await(answer);
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            HttpClient http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            List<Browser> browsers = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                Browser browser = new Browser(http, port);
                browser.login();
                browser.open(args[1]);
                browsers.add(browser);
            }
            System.out.println("OPENED");
            java.io.BufferedReader commands =
                    new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command; (command = commands.readLine()) != null; ) {
                if (command.equals("poll")) {
                    for (Browser browser : browsers) {
                        browser.poll();
                    }
                    System.out.println("POLLED");
                }
            }
            browsers.forEach(Browser::close);
            System.exit(0);
        }
    }

    /** One simulated browser: its session cookie, the login form, pages opened by URL. */
    static final class Browser {
        private final HttpClient http;
        private final int port;
        private String session;
        private int uiId;
        private String securityKey;
        private int syncId;
        private int clientId;
        private String route;
        private int gridNode = -1;
        private int pollInterval = -1;
        private java.net.http.WebSocket push;
        private final StringBuilder pushText = new StringBuilder();
        /** The last snapshot completion this browser saw a push after (System.nanoTime), for the push delay. */
        private long lastCompletionSeen;

        Browser(HttpClient http, int port) {
            this.http = http;
            this.port = port;
        }

        /** @return milliseconds of the login POST (the login page GET before it is not counted) */
        long login() throws Exception {
            HttpResponse<String> page =
                    send(HttpRequest.newBuilder(uri("login")).GET());
            Matcher token = CSRF.matcher(page.body());
            Matcher parameter = CSRF_PARAMETER.matcher(page.body());
            String form = "username=editor&password="
                    + URLEncoder.encode(BootstrapProperties.DEMO_EDITOR_PASSWORD, StandardCharsets.UTF_8)
                    + (token.find()
                            ? "&" + (parameter.find() ? parameter.group(1) : "_csrf") + "="
                                    + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
                            : "");
            long t0 = System.nanoTime();
            HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
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

        /** As {@link #open(String)}, adding each round trip's milliseconds to {@code roundTrips}; the UI stays this browser's. */
        long open(String path, List<Long> roundTrips) throws Exception {
            long t0 = System.nanoTime();
            HttpResponse<String> page = send(HttpRequest.newBuilder(uri(path)).GET());
            long t1 = System.nanoTime();
            HttpResponse<String> init = send(HttpRequest.newBuilder(
                            uri("?v-r=init&location=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&query="))
                    .GET());
            long t2 = System.nanoTime();
            if (page.statusCode() != 200 || init.statusCode() != 200) {
                throw new IllegalStateException(path + ": HTTP " + page.statusCode() + "/" + init.statusCode());
            }
            com.fasterxml.jackson.databind.JsonNode config =
                    JSON.readTree(init.body()).path("appConfig");
            com.fasterxml.jackson.databind.JsonNode uidl = config.path("uidl");
            uiId = config.path("v-uiId").asInt();
            securityKey = uidl.path("Vaadin-Security-Key").asText();
            syncId = uidl.path("syncId").asInt();
            clientId = uidl.path("clientId").asInt();
            if (PUSH) {
                connectPush(uidl.path("Vaadin-Push-ID").asText());
            }
            long navigate = navigate(path);
            roundTrips.add((t1 - t0) / 1_000_000);
            roundTrips.add((t2 - t1) / 1_000_000);
            roundTrips.add(navigate);
            return (t2 - t0) / 1_000_000 + navigate;
        }

        /** The client router's {@code ui-navigate} event to this browser's UI (node 1): a tab switch. Returns its milliseconds. */
        long navigate(String path) throws Exception {
            var rpc = JSON.createObjectNode();
            rpc.put("type", "event").put("node", 1).put("event", "ui-navigate");
            rpc.putObject("data")
                    .put("route", path)
                    .put("query", "")
                    .put("appShellTitle", "")
                    .put("trigger", "")
                    .putObject("historyState")
                    .put("idx", 0);
            long t0 = System.nanoTime();
            com.fasterxml.jackson.databind.JsonNode response = rpc(rpc);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            route = path;
            gridNode = -1;
            for (com.fasterxml.jackson.databind.JsonNode change : response.path("changes")) {
                if ("id".equals(change.path("key").asText())
                        && "snapshots-grid".equals(change.path("value").asText())) {
                    gridNode = change.path("node").asInt();
                }
            }
            if (!response.toString().contains("keyed-counter")) {
                throw new IllegalStateException(path + ": the response does not show the job page: "
                        + response.toString()
                                .substring(0, Math.min(500, response.toString().length())));
            }
            return ms;
        }

        /** The History grid asking for rows {@code start…start+length} (its {@code setViewportRange}, as scrolling sends it). */
        long pageGrid(int start, int length) throws Exception {
            if (gridNode < 0) {
                throw new IllegalStateException("no grid on " + route);
            }
            var rpc = JSON.createObjectNode();
            rpc.put("type", "publishedEventHandler")
                    .put("node", gridNode)
                    .put("templateEventMethodName", "setViewportRange");
            rpc.putArray("templateEventMethodArgs").add(start).add(length);
            long t0 = System.nanoTime();
            com.fasterxml.jackson.databind.JsonNode response = rpc(rpc);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (response.has("meta") && response.path("meta").has("appError")) {
                throw new IllegalStateException("paging refused: " + response.path("meta"));
            }
            return ms;
        }

        /** The UI's {@code ui-poll} event, as Flow's client sends it every poll interval. Returns its milliseconds. */
        long poll() throws Exception {
            var rpc = JSON.createObjectNode();
            rpc.put("type", "event").put("node", 1).put("event", "ui-poll");
            rpc.putObject("data");
            long t0 = System.nanoTime();
            rpc(rpc);
            return (System.nanoTime() - t0) / 1_000_000;
        }

        int pollInterval() {
            return pollInterval;
        }

        boolean onHistory() {
            return route != null && route.endsWith("history") && gridNode >= 0;
        }

        String route() {
            return route == null ? "" : route;
        }

        /**
         * The UI's push channel as Flow's client opens it (Atmosphere over a WebSocket, {@code @Push}'s default
         * transport): the server sends the page's changes there when a snapshot starts or completes.
         */
        private void connectPush(String pushId) throws Exception {
            if (push != null) {
                push.abort(); // a new UI replaces the old one, as a page load does
            }
            if (pushId.isEmpty()) {
                throw new IllegalStateException("the init response names no push id");
            }
            String url = "ws://localhost:" + port + "/VAADIN/push?v-r=push&v-uiId=" + uiId + "&v-pushId="
                    + URLEncoder.encode(pushId, StandardCharsets.UTF_8)
                    + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=3.1.5-javascript"
                    + "&X-Atmosphere-Transport=websocket&X-Atmosphere-TrackMessageSize=true"
                    + "&Content-Type=application%2Fjson%3B%20charset%3DUTF-8&X-atmo-protocol=true";
            push = http.newWebSocketBuilder()
                    .header("Cookie", "JSESSIONID=" + session)
                    .buildAsync(URI.create(url), new java.net.http.WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(
                                java.net.http.WebSocket socket, CharSequence data, boolean last) {
                            pushText.append(data);
                            if (last) {
                                pushed(pushText.toString());
                                pushText.setLength(0);
                            }
                            socket.request(1);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
        }

        /** A message on the push channel: a UIDL update carries the server's next sync id, which the client echoes. */
        private void pushed(String message) {
            if (Boolean.getBoolean("bench.ui.debug")) {
                System.out.println(
                        "PUSH " + message.length() + ": " + message.substring(0, Math.min(300, message.length())));
            }
            Matcher id = SYNC_ID.matcher(message);
            if (!id.find()) {
                return; // Atmosphere's handshake or heartbeat
            }
            synchronized (this) {
                syncId = Math.max(syncId, Integer.parseInt(id.group(1)));
            }
            PUSHES.incrementAndGet();
            long completion = lastCompletion;
            if (completion != 0 && completion != lastCompletionSeen) {
                lastCompletionSeen = completion;
                PUSH_DELAYS.add((System.nanoTime() - completion) / 1_000_000);
            }
        }

        void close() {
            if (push != null) {
                push.abort();
            }
        }

        /** One UIDL request with one RPC; keeps the sync and client ids Flow checks on every message. */
        private com.fasterxml.jackson.databind.JsonNode rpc(com.fasterxml.jackson.databind.node.ObjectNode rpc)
                throws Exception {
            var message = JSON.createObjectNode();
            message.put("csrfToken", securityKey);
            message.putArray("rpc").add(rpc);
            synchronized (this) {
                message.put("syncId", syncId).put("clientId", clientId);
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("?v-r=uidl&v-uiId=" + uiId))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(message.toString())));
            String body = response.body();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "UIDL HTTP " + response.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
            }
            com.fasterxml.jackson.databind.JsonNode parsed =
                    JSON.readTree(body.startsWith("for(;;);") ? body.substring("for(;;);".length()) : body);
            com.fasterxml.jackson.databind.JsonNode uidl = parsed.isArray() ? parsed.get(0) : parsed;
            if (uidl.path("meta").path("sessionExpired").asBoolean() || !uidl.has("syncId")) {
                throw new IllegalStateException("UIDL refused: " + body.substring(0, Math.min(300, body.length())));
            }
            synchronized (this) {
                syncId = Math.max(syncId, uidl.path("syncId").asInt());
            }
            clientId = uidl.path("clientId").asInt(clientId + 1);
            for (com.fasterxml.jackson.databind.JsonNode change : uidl.path("changes")) {
                if (change.path("node").asInt() == 1
                        && "pollInterval".equals(change.path("key").asText())) {
                    pollInterval = change.path("value").asInt(-1);
                }
            }
            return uidl;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (session != null) {
                request.header("Cookie", "JSESSIONID=" + session);
            }
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                if (cookie.startsWith("JSESSIONID=")) {
                    session = cookie.substring(
                            "JSESSIONID=".length(), cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
                }
            }
            return response;
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + "/" + path);
        }
    }
}
