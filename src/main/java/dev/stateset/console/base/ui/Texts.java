package dev.stateset.console.base.ui;

import com.vaadin.flow.component.HasText;
import com.vaadin.flow.dom.Element;

/** Texts a live page sets again and again on every pushed refresh. */
public final class Texts {

    private Texts() {}

    /**
     * Shows {@code text}, sending the browser one change at most: Flow's {@code setText} replaces the text node (a
     * list clear, an add and the text) even when the text is the same; this sets the node's text, only when it differs.
     */
    public static void update(HasText component, String text) {
        Element element = component.getElement();
        if (element.getChildCount() == 1 && element.getChild(0).isTextNode()) {
            Element textNode = element.getChild(0);
            if (!text.equals(textNode.getText())) {
                textNode.setText(text);
            }
        } else if (!text.equals(component.getText())) {
            component.setText(text);
        }
    }
}
