package dev.stateset.console.job.rest;

import dev.stateset.console.job.ArtifactProperties;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Uploads stream to disk (no part is held in memory). The container's limit sits 1 MB above the artifact store's, so a
 * jar just over the limit gets the store's clear "larger than the limit" answer; far larger bodies are cut off by the
 * container (413) without being read.
 */
@Configuration(proxyBeanMethods = false)
class ArtifactUploadConfig {

    @Bean
    MultipartConfigElement multipartConfigElement(ArtifactProperties artifacts) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        DataSize containerLimit = DataSize.ofBytes(
                artifacts.maxSize().toBytes() + DataSize.ofMegabytes(1).toBytes());
        factory.setMaxFileSize(containerLimit);
        factory.setMaxRequestSize(containerLimit);
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }
}
