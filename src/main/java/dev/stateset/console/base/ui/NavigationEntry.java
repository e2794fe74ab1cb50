package dev.stateset.console.base.ui;

import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * An item of the shell's navigation, contributed as a Spring bean by the feature that owns the page, so that the
 * shell depends on no feature. Visibility only tidies the menu: each page checks its own access.
 */
public interface NavigationEntry {

    String label();

    /** The route, relative to the console's root ("" for the start page). */
    String path();

    VaadinIcon icon();

    /** Position in the menu, lowest first. */
    int order();

    /** Whether the signed-in user sees the entry. */
    default boolean visible() {
        return true;
    }
}
