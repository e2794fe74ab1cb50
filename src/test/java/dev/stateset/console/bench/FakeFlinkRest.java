package dev.stateset.console.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Flink cluster's REST API on loopback, as far as the console speaks it, answering from memory: the console's real
 * Flink client (HTTP, JSON, its guards and timeouts) is measured, not Flink. Every job it holds has the status it is
 * given; every savepoint completes at once; each trigger's time by the console's clock is recorded. {@link #delay}
 * makes every answer late (a slow cluster). A minimal HTTP/1.1 server (a thread per kept-alive connection, no thread
 * hand-over per request): the cluster stands for another machine, so its CPU on the benchmark's two cores should be
 * small; the JDK's {@code HttpServer} cost 0.2 ms per request here.
 */
final class FakeFlinkRest implements AutoCloseable {

    private static final Pattern TRIGGER_ID = Pattern.compile("\"triggerId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JOB_PATH = Pattern.compile("/jobs/([0-9a-f]{32})(/.*)?");

    /** Flink job id → status (RUNNING, CANCELED, FAILED …). */
    final Map<String, String> jobs = new ConcurrentHashMap<>();
    /** Savepoint trigger id → when it was triggered. */
    final Map<String, Instant> triggeredAt = new ConcurrentHashMap<>();

    final AtomicLong requests = new AtomicLong();
    volatile Duration delay = Duration.ZERO;
    /** Completed checkpoints each job reports (ids 1…n, a minute apart), unless {@link #checkpointEvery} is set. */
    volatile int checkpointsPerJob = 0;
    /**
     * When set, every job completes a checkpoint this often by the clock, each at its own phase (as if it had run for an
     * hour), 120 ms after its trigger; {@code /checkpoints} shows the last ten as Flink keeps them.
     */
    volatile Duration checkpointEvery;

    final AtomicLong checkpointReads = new AtomicLong();
    final AtomicLong overviewReads = new AtomicLong();
    private final long checkpointsSince;

    private final Map<String, String> locations = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ServerSocket server;

    FakeFlinkRest(Clock clock) throws IOException {
        this.clock = clock;
        this.checkpointsSince = clock.millis() - Duration.ofHours(1).toMillis();
        this.server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fake-flink-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connection.setTcpNoDelay(true);
                Thread serving = new Thread(() -> serve(connection), "fake-flink-" + server.getLocalPort());
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One kept-alive connection: request after request until the client closes it. */
    private void serve(Socket connection) {
        try (connection;
                InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = new BufferedOutputStream(connection.getOutputStream())) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                int length = 0;
                boolean chunked = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    } else if (header.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                        chunked = header.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                    }
                }
                String body = new String(chunked ? chunks(in) : in.readNBytes(length), StandardCharsets.UTF_8);
                String[] parts = requestLine.split(" ");
                String path = parts[1];
                int query = path.indexOf('?');
                Answer answer = answer(parts[0], query < 0 ? path : path.substring(0, query), body);
                byte[] json = answer.json().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + answer.status() + " X\r\nContent-Type: application/json\r\nContent-Length: "
                                + json.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(json);
                out.flush();
            }
        } catch (IOException | RuntimeException gone) {
            // the client closed the connection
        }
    }

    private static byte[] chunks(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                size > 0;
                size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in); // the CRLF after the chunk
        }
        for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
            // no trailers expected
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private record Answer(int status, String json) {}

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /**
     * Inserts {@code count} RUNNING jobs of the workspace straight into the console's database, each running on this
     * fake cluster (a job id made from {@code idHigh} and its number); returns their ids in order.
     */
    List<Long> runningJobsOf(JdbcTemplate db, long workspaceId, int count, String namePrefix, long idHigh) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String engineId = jobId(i, idHigh);
            jobs.put(engineId, "RUNNING");
            rows.add(new Object[] {workspaceId, namePrefix + i, engineId, now, now});
        }
        db.batchUpdate(
                "insert into flink_job (workspace_id, name, status, engine_job_id, created_at, updated_at) values (?, ?, 'RUNNING', ?, ?, ?)",
                rows);
        return db.queryForList("select id from flink_job where workspace_id = ? order by id", Long.class, workspaceId);
    }

    /** A 32-hex Flink job id made from a number, as Flink's JobID prints. */
    static String jobId(long high, long low) {
        return String.format("%016x%016x", high, low);
    }

    private Answer answer(String method, String path, String body) {
        requests.incrementAndGet();
        Duration late = delay;
        if (!late.isZero()) {
            try {
                Thread.sleep(late.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (path.equals("/config")) {
            return new Answer(200, "{\"flink-version\":\"2.1.1\"}");
        }
        if (path.equals("/jobs/overview")) {
            overviewReads.incrementAndGet();
            return new Answer(200, overview());
        }
        Matcher job = JOB_PATH.matcher(path);
        if (!job.matches() || !jobs.containsKey(job.group(1))) {
            return new Answer(404, "{\"errors\":[\"Not found: " + path + "\"]}");
        }
        return ofJob(method, job.group(1), job.group(2) == null ? "" : job.group(2), body);
    }

    private Answer ofJob(String method, String jid, String rest, String body) {
        String state = jobs.get(jid);
        if (rest.isEmpty()) {
            return new Answer(
                    200,
                    "{\"jid\":\"" + jid + "\",\"name\":\"bench\",\"state\":\"" + state
                            + "\",\"start-time\":0,\"vertices\":[{\"status\":\"" + state + "\"}]}");
        }
        if (rest.equals("/savepoints") && method.equals("POST")) {
            Matcher id = TRIGGER_ID.matcher(body);
            if (!id.find()) {
                return new Answer(400, "{\"errors\":[\"no triggerId\"]}");
            }
            triggeredAt.putIfAbsent(id.group(1), clock.instant());
            locations.put(id.group(1), "file:/tmp/fake-flink/savepoint-" + id.group(1));
            return new Answer(202, "{\"request-id\":\"" + id.group(1) + "\"}");
        }
        if (rest.startsWith("/savepoints/")) {
            String location = locations.get(rest.substring("/savepoints/".length()));
            return location == null
                    ? new Answer(404, "{\"errors\":[\"unknown trigger\"]}")
                    : new Answer(
                            200,
                            "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"" + location + "\"}}");
        }
        return switch (rest) {
            case "/checkpoints" -> {
                checkpointReads.incrementAndGet();
                yield new Answer(200, checkpoints(jid));
            }
            case "/checkpoints/config" ->
                new Answer(
                        200,
                        "{\"mode\":\"EXACTLY_ONCE\",\"interval\":60000,\"timeout\":600000,\"min_pause\":0,"
                                + "\"max_concurrent\":1,\"state_backend\":\"hashmap\",\"checkpoint_storage\":\"filesystem\","
                                + "\"externalization\":{\"enabled\":true,\"delete_on_cancellation\":false}}");
            case "/exceptions" -> new Answer(200, "{\"root-exception\":null,\"exceptionHistory\":{\"entries\":[]}}");
            default -> new Answer(404, "{\"errors\":[\"Not found\"]}");
        };
    }

    /** The id of the job's latest completed checkpoint by now, with {@link #checkpointEvery}. */
    long latestCheckpoint(String jid) {
        long every = checkpointEvery.toMillis();
        return (clock.millis() - 120 - checkpointsSince - phase(jid, every)) / every;
    }

    /** When checkpoint {@code id} of the job completed (or will), with {@link #checkpointEvery}. */
    Instant completedAt(String jid, long id) {
        long every = checkpointEvery.toMillis();
        return Instant.ofEpochMilli(checkpointsSince + phase(jid, every) + id * every + 120);
    }

    private static long phase(String jid, long every) {
        return Math.floorMod(jid.hashCode() * 2_654_435_761L, every);
    }

    private String checkpoints(String jid) {
        Duration every = checkpointEvery;
        long n = every == null ? checkpointsPerJob : latestCheckpoint(jid);
        StringBuilder history = new StringBuilder();
        String latest = "{}";
        for (long id = n; id >= Math.max(1, n - 9); id--) {
            long triggered = every == null
                    ? 1_700_000_000_000L + id * 60_000L
                    : completedAt(jid, id).toEpochMilli() - 120;
            String checkpoint = "{\"id\":" + id
                    + ",\"status\":\"COMPLETED\",\"is_savepoint\":false,\"trigger_timestamp\":"
                    + triggered + ",\"latest_ack_timestamp\":" + (triggered + 120) + ",\"end_to_end_duration\":120,"
                    + "\"checkpointed_size\":4096,\"state_size\":4096,\"external_path\":\"file:/tmp/fake-flink/" + jid
                    + "/chk-" + id + "\"}";
            if (id == n) {
                latest = "{\"completed\":" + checkpoint + "}";
            }
            history.append(id == n ? "" : ",").append(checkpoint);
        }
        return "{\"counts\":{\"total\":" + n + ",\"in_progress\":0,\"completed\":" + n
                + ",\"failed\":0,\"restored\":0},\"latest\":" + latest + ",\"history\":[" + history + "]}";
    }

    private String overview() {
        StringBuilder json = new StringBuilder(jobs.size() * 120 + 16).append("{\"jobs\":[");
        boolean first = true;
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            boolean running = job.getValue().equals("RUNNING");
            json.append("{\"jid\":\"")
                    .append(job.getKey())
                    .append("\",\"name\":\"bench\",\"state\":\"")
                    .append(job.getValue())
                    .append("\",\"start-time\":0,\"tasks\":{\"total\":1,\"running\":")
                    .append(running ? 1 : 0)
                    .append("}}");
        }
        return json.append("]}").toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
