package dev.stateset.console.base.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.NotFoundException;

/** Reads numeric ids from a route; anything else (a forged or mistyped URL) is "not found". */
public final class RouteParams {

    private RouteParams() {}

    public static long id(BeforeEnterEvent event, String name) {
        return event.getRouteParameters()
                .get(name)
                .filter(v -> v.matches("\\d{1,18}"))
                .map(Long::parseLong)
                .orElseThrow(NotFoundException::new);
    }
}
