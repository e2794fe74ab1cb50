package dev.stateset.console.stateset.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import dev.stateset.console.stateset.FailureExplanation;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the Overview's cards: a title over label/value rows, "None yet", or the rows of a failure and its cause. A
 * refresh that shows what the card shows changes nothing, and one with the same labels only sets the values' texts: a
 * pushed refresh sends the few texts that changed instead of the card built again (docs/benchmarks.md, section 5).
 */
final class OverviewCard extends Div {

    /** What a card shows: rows in order, and whether it is a failure (with its explanation, if one was reported). */
    record Content(List<Row> rows, boolean failed, FailureExplanation cause) {

        static final Content NONE_YET = new Content(List.of(), false, null);

        static Content completed(Row... rows) {
            return new Content(List.of(rows), false, null);
        }

        static Content failed(FailureExplanation cause, Row... rows) {
            return new Content(List.of(rows), true, cause);
        }

        /** Whether {@code other} differs from this only in the rows' values. */
        boolean sameShape(Content other) {
            return !failed
                    && !other.failed
                    && !rows.isEmpty()
                    && rows.stream()
                            .map(Row::label)
                            .toList()
                            .equals(other.rows.stream().map(Row::label).toList());
        }
    }

    record Row(String label, String value) {}

    private final List<Span> values = new ArrayList<>();
    private Content shown;

    OverviewCard(String title, String id) {
        addClassName("card");
        setId(id);
        add(new H4(title));
    }

    void show(Content content) {
        if (content.equals(shown)) {
            return;
        }
        if (shown != null && shown.sameShape(content)) {
            for (int i = 0; i < values.size(); i++) {
                dev.stateset.console.base.ui.Texts.update(
                        values.get(i), content.rows().get(i).value());
            }
        } else {
            getChildren().skip(1).toList().forEach(this::remove); // all but the title
            values.clear();
            if (content.rows().isEmpty() && !content.failed()) {
                add(new Span("None yet"));
            }
            content.rows().forEach(row -> add(field(row)));
            if (content.failed()) {
                add(OverviewView.cause(content.cause()));
            }
        }
        shown = content;
    }

    private Component field(Row row) {
        Div field = new Div();
        field.addClassName("card-field");
        Span label = new Span(row.label());
        label.addClassName("card-label");
        Span value = new Span(row.value());
        value.addClassName("card-value");
        values.add(value);
        field.add(label, value);
        return field;
    }
}
