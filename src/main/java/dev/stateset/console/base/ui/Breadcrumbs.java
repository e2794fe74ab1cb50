package dev.stateset.console.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;

/** "Workspaces / demo / Jobs / keyed-counter": where the user is, each level a link back up. */
public class Breadcrumbs extends Nav {

    public Breadcrumbs() {
        addClassName("breadcrumbs");
        getElement().setAttribute("aria-label", "Breadcrumb");
    }

    public Breadcrumbs link(String text, String href) {
        separator();
        add(new Anchor(href, text));
        return this;
    }

    public Breadcrumbs current(String text) {
        separator();
        Span span = new Span(text);
        span.getElement().setAttribute("aria-current", "page");
        add(span);
        return this;
    }

    private void separator() {
        if (getComponentCount() > 0) {
            Span sep = new Span("/");
            sep.addClassName("breadcrumb-separator");
            sep.getElement().setAttribute("aria-hidden", "true");
            add(sep);
        }
    }
}
