package dev.stateset.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateset.console.security.BootstrapProperties;
import dev.stateset.console.support.BrowserTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A user builds "0 9 * * MON-FRI" with the chips of the cron builder, in a real browser, and reads the preview. */
class CronBuilderBrowserIT extends BrowserTestBase {

    @Test
    void builds_weekdays_at_nine_through_the_chips() throws Exception {
        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        browser.open("tools/cron");
        assertThat(expression()).isEqualTo("0 2 * * *");

        // Quick Settings: every hour.
        browser.click(By.cssSelector("#cron-quick-settings vaadin-menu-bar-button"));
        browser.click(By.xpath("//vaadin-menu-bar-item[normalize-space()='Every hour']"));
        waitForExpression("0 * * * *");

        // Hour: specific value 09.
        browser.click(By.id("cron-chip-hour"));
        chooseMode("Specific values");
        pick(browser.waitVisible(By.cssSelector("vaadin-dialog-overlay vaadin-multi-select-combo-box input")), "09");
        browser.click(By.id("cron-editor-apply"));
        waitForExpression("0 9 * * *");

        // Day of week: range Monday through Friday.
        browser.click(By.id("cron-chip-week"));
        chooseMode("Range");
        List<WebElement> boxes =
                browser.driver().findElements(By.cssSelector("vaadin-dialog-overlay vaadin-combo-box input"));
        pick(boxes.get(0), "Monday");
        pick(boxes.get(1), "Friday");
        browser.click(By.id("cron-editor-apply"));
        waitForExpression("0 9 * * MON-FRI");

        assertThat(browser.driver().findElement(By.id("cron-description")).getText())
                .isEqualTo("At 09:00, Monday through Friday");
        List<WebElement> runs = browser.driver().findElements(By.cssSelector("#cron-next-runs li"));
        assertThat(runs).hasSize(5);
        assertThat(runs)
                .allSatisfy(run -> assertThat(run.getText()).matches("(Mon|Tue|Wed|Thu|Fri) .* 09:00 \\+00:00"));
        assertThat(browser.isShown(By.id("cron-minimum-notice"))).isFalse();
        browser.screenshot("cron-builder");
    }

    @Test
    void a_typed_question_mark_marks_the_day_field() {
        browser.login("viewer", BootstrapProperties.DEMO_VIEWER_PASSWORD);
        browser.open("tools/cron");
        WebElement input = browser.waitVisible(By.cssSelector("#cron-expression input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0 12 ? * *", Keys.TAB);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> "true".equals(d.findElement(By.id("cron-chip-day")).getAttribute("aria-invalid")));
        assertThat(browser.bodyText()).contains("'?' is not supported; use '*'");
    }

    private void chooseMode(String label) {
        browser.click(
                By.xpath("//vaadin-dialog-overlay//vaadin-radio-button[.//label[normalize-space()='" + label + "']]"));
    }

    private void pick(WebElement comboInput, String text) {
        comboInput.click();
        comboInput.sendKeys(text);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                .until(d -> !d.findElements(By.cssSelector("vaadin-combo-box-item, vaadin-multi-select-combo-box-item"))
                        .isEmpty());
        comboInput.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        comboInput.sendKeys(Keys.TAB);
        browser.waitForVaadin();
    }

    private String expression() {
        return browser.waitVisible(By.cssSelector("#cron-expression input")).getAttribute("value");
    }

    private void waitForExpression(String expected) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> expected.equals(expression()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Expected the expression " + expected + " but it is " + expression(), e);
        }
    }
}
