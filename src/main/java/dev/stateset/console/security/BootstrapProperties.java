package dev.stateset.console.security;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stateset.bootstrap.*} and {@code stateset.demo.*}: the first admin's password and the demo
 * workspace's users. The demo passwords are documented in the README, which is why the {@code prod}
 * profile refuses them.
 */
@ConfigurationProperties(prefix = "stateset")
public record BootstrapProperties(Bootstrap bootstrap, Demo demo) {

    public static final String DEMO_EDITOR_PASSWORD = "editor-stateset";
    public static final String DEMO_VIEWER_PASSWORD = "viewer-stateset";

    /** Passwords anybody who read the README knows. */
    public static final Set<String> DOCUMENTED_PASSWORDS =
            Set.of(DEMO_EDITOR_PASSWORD, DEMO_VIEWER_PASSWORD, "admin", "admin-stateset", "password");

    public BootstrapProperties {
        bootstrap = bootstrap == null ? new Bootstrap(null) : bootstrap;
        demo = demo == null ? new Demo(true, null, null) : demo;
    }

    /** @param adminPassword password of user {@code admin} on first start; random (and logged once) if blank */
    public record Bootstrap(String adminPassword) {}

    /** @param enabled seed the demo workspace, its users and jobs into an empty database */
    public record Demo(boolean enabled, String editorPassword, String viewerPassword) {
        public Demo {
            editorPassword = editorPassword == null || editorPassword.isBlank() ? DEMO_EDITOR_PASSWORD : editorPassword;
            viewerPassword = viewerPassword == null || viewerPassword.isBlank() ? DEMO_VIEWER_PASSWORD : viewerPassword;
        }
    }
}
