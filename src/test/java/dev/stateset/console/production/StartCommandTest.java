package dev.stateset.console.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The README's start command, {@code ./mvnw spring-boot:run}, serves the production UI (no development-mode popup, no
 * dev tools, the built bundle): the production profile is active unless another profile is named, and it drops Vaadin's
 * dev tools and builds the bundle. Measured by hand from a fresh clone (README "The two commands").
 */
class StartCommandTest {

    @Test
    void the_readme_start_command_runs_the_production_profile() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String production =
                "/*[local-name()='project']/*[local-name()='profiles']/*[local-name()='profile'][*[local-name()='id']='production']";
        assertThat(xpath.evaluate(production + "/*[local-name()='activation']/*[local-name()='activeByDefault']", pom))
                .as("production profile active by default")
                .isEqualTo("true");
        assertThat((Double) xpath.evaluate(
                        "count(" + production
                                + "//*[local-name()='exclusion'][*[local-name()='artifactId']='vaadin-dev'])",
                        pom,
                        XPathConstants.NUMBER))
                .as("vaadin-dev excluded in production")
                .isEqualTo(1.0);
        assertThat(xpath.evaluate(production + "//*[local-name()='goal'][.='build-frontend']", pom))
                .as("bundle built")
                .isEqualTo("build-frontend");
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("./mvnw spring-boot:run").contains("./mvnw -Pdev spring-boot:run");
    }
}
