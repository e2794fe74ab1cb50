package dev.stateset.console.base.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.function.BooleanSupplier;

/**
 * An item of the shell's navigation, contributed as a Spring bean by the feature that owns the page, so that the
 * shell depends on no feature. Visibility only tidies the menu: each page checks its own access.
 *
 * @param path    the route, relative to the console's root ("" for the start page)
 * @param order   position in the menu, lowest first
 * @param visible whether the signed-in user sees the entry, asked each time a shell is built
 */
public record NavigationEntry(String label, String path, VaadinIcon icon, int order, BooleanSupplier visible) {

    /** An entry every signed-in user sees. */
    public NavigationEntry(String label, String path, VaadinIcon icon, int order) {
        this(label, path, icon, order, () -> true);
    }
}
