package dev.stateset.console.support;

import com.deque.html.axecore.args.AxeRuleOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs axe-core, the engine of browsers' accessibility audits, on the page a browser test has open. Besides its
 * default rules it runs {@code label-content-name-mismatch} (experimental in axe, off by default): a control's
 * visible label must be part of its accessible name, so that a voice-control user can say what they see.
 */
public final class Accessibility {

    /** Rules that fail a page whatever impact axe gives them: a main landmark, one h1, labels that are spoken as shown. */
    public static final Set<String> ALWAYS_BLOCKING =
            Set.of("landmark-one-main", "page-has-heading-one", "label-content-name-mismatch");

    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

    private Accessibility() {}

    /** A violation axe found: its rule, impact and up to five of the elements it was found on. */
    public record Violation(String rule, String impact, String help, List<String> elements) {

        public boolean blocking() {
            return BLOCKING_IMPACTS.contains(impact) || ALWAYS_BLOCKING.contains(rule);
        }

        @Override
        public String toString() {
            return impact + " " + rule + ": " + help + " — " + String.join(" | ", elements);
        }
    }

    /** Every violation axe finds on the open page. */
    public static List<Violation> violations(BrowserSession browser) {
        browser.waitForVaadin();
        AxeRuleOptions enabled = new AxeRuleOptions();
        enabled.setEnabled(true);
        AxeRunOptions options = new AxeRunOptions();
        options.setRules(Map.of("label-content-name-mismatch", enabled));
        return new AxeBuilder()
                .withOptions(options).analyze(browser.driver()).getViolations().stream()
                        .map(Accessibility::violation)
                        .toList();
    }

    /** The violations that fail a page: serious or critical ones, and those of {@link #ALWAYS_BLOCKING}. */
    public static List<Violation> blocking(BrowserSession browser) {
        return violations(browser).stream().filter(Violation::blocking).toList();
    }

    private static Violation violation(Rule rule) {
        return new Violation(
                rule.getId(),
                rule.getImpact(),
                rule.getHelp(),
                rule.getNodes().stream()
                        .map(node -> node.getTarget() + " " + node.getHtml())
                        .limit(5)
                        .collect(Collectors.toList()));
    }
}
