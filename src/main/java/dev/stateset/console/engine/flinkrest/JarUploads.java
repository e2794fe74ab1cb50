package dev.stateset.console.engine.flinkrest;

import dev.stateset.console.engine.EngineRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;

/** Job jars uploaded to one cluster by content hash: the same jar is uploaded once (until the cluster forgets it). */
final class JarUploads {

    private final FlinkRestCalls calls;
    private final Map<String, String> byHash = new ConcurrentHashMap<>();

    JarUploads(FlinkRestCalls calls) {
        this.calls = calls;
    }

    /** The cluster's id of the jar, uploading it unless the same content was uploaded before. */
    String uploaded(Path jar) {
        return byHash.computeIfAbsent(sha256(jar), hash -> upload(jar));
    }

    /** The cluster lost this jar (restarted, or its upload dir was cleaned): the next start uploads it again. */
    void forget(String jarId) {
        byHash.values().remove(jarId);
    }

    /** Streamed from the file: a large jar is never held in memory. */
    private String upload(Path jar) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("jarfile", new FileSystemResource(jar))
                .contentType(MediaType.parseMediaType("application/x-java-archive"));
        String filename = calls.postMultipart(parts.build(), "jars/upload")
                .require(FlinkMessages.JarUploadResponse.class)
                .filename();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    private static String sha256(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new EngineRejectedException(0, "Cannot read the job jar " + jar + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
