package dev.stateset.console.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The console's JSON API over real HTTP, as a script would call it: HTTP Basic, a Bearer token, or nothing. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    private static final String MULTIPART = "\u0000multipart\u0000";
    private static final String BOUNDARY = "stateset-test-boundary";

    /**
     * A body for {@link #call} that is sent as {@code multipart/form-data} with one file part, as a browser or curl
     * {@code -F file=@job.jar} sends it.
     */
    public static String multipart(String part, String fileName, byte[] content) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n";
        return MULTIPART + head + new String(content, StandardCharsets.ISO_8859_1) + "\r\n--" + BOUNDARY + "--\r\n";
    }

    /** A multipart body with a JSON part (e.g. {@code job}) and the jar as part {@code file}, as a client sends a job. */
    public static String multipartWithJson(String jsonPart, String json, String fileName, byte[] content) {
        String jsonHead = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + jsonPart
                + "\"\r\nContent-Type: application/json\r\n\r\n";
        String fileHead = "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n";
        return MULTIPART + jsonHead + new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
                + fileHead + new String(content, StandardCharsets.ISO_8859_1) + "\r\n--" + BOUNDARY + "--\r\n";
    }

    /** @param credentials "user:password" for HTTP Basic, "Bearer …" for a token, or null for an anonymous call */
    public HttpResponse<String> call(String method, String path, String credentials, String body) {
        boolean multipart = body != null && body.startsWith(MULTIPART);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : multipart
                                        ? HttpRequest.BodyPublishers.ofByteArray(body.substring(MULTIPART.length())
                                                .getBytes(StandardCharsets.ISO_8859_1))
                                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", multipart ? "multipart/form-data; boundary=" + BOUNDARY : "application/json")
                .header("Accept", "application/json");
        if (credentials != null && credentials.startsWith("Bearer ")) {
            request.header("Authorization", credentials);
        } else if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON body, after checking the status (the body is in the failure message). */
    public JsonNode expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as(
                        "%s %s → status; body: %s",
                        response.request().method(), response.request().uri().getPath(), response.body())
                .isEqualTo(status);
        return json(response);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
