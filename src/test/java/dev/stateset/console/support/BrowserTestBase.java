package dev.stateset.console.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real-browser test against the running console: one headless Chromium per test class. */
@RunningConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTestBase {

    @LocalServerPort
    protected int port;

    protected BrowserSession browser;

    @BeforeAll
    void openBrowser() throws Exception {
        browser = BrowserSession.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            try {
                // Every page this class opened ran under the console's Content-Security-Policy without a violation.
                org.assertj.core.api.Assertions.assertThat(browser.consoleMessages())
                        .as("browser console messages about the Content-Security-Policy")
                        .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
            } finally {
                browser.close();
            }
        }
    }
}
