package dev.stateset.console.workspace;

import java.net.URI;
import java.net.URISyntaxException;

/** Rules for the http(s) URLs a workspace points at: a remote Flink cluster's REST endpoint, the alert webhook. */
public final class EngineUrls {

    private EngineUrls() {}

    /** What is wrong with the URL, or null when it is usable. */
    public static String flinkRestUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "The Flink REST URL is required for a remote cluster";
        }
        return problem(url, "Flink REST URL", "http://flink-jobmanager:8081");
    }

    /**
     * @param name    what the URL is, for the messages
     * @param example a valid URL of that kind
     */
    static String problem(String url, String name, String example) {
        if (url.strip().length() > 500) {
            return "The " + name + " must be at most 500 characters";
        }
        try {
            URI uri = new URI(url.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                return "Use an http:// or https:// URL, e.g. " + example;
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "The URL has no host name";
            }
            if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
                return "The URL must not contain credentials, a query or a fragment";
            }
        } catch (URISyntaxException e) {
            return "Not a valid URL: " + e.getReason();
        }
        return null;
    }

    public static String normalize(String url) {
        String clean = url.strip();
        return clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean;
    }
}
