package dev.stateset.console.base.ui;

import com.vaadin.flow.server.VaadinSession;
import dev.stateset.console.base.TimeDisplay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The zone the current session shows times in: the user's {@link TimeDisplay} choice and the browser's zone,
 * both kept in the Vaadin session so that every page and every push reads the same rule without a query.
 */
public final class DisplayZone {

    private static final String CHOICE = DisplayZone.class.getName() + ".choice";
    private static final String BROWSER_ZONE = DisplayZone.class.getName() + ".browserZone";

    private DisplayZone() {}

    public static void choose(VaadinSession session, TimeDisplay choice) {
        session.setAttribute(CHOICE, choice);
    }

    public static boolean chosen(VaadinSession session) {
        return session.getAttribute(CHOICE) != null;
    }

    public static TimeDisplay choice() {
        VaadinSession session = VaadinSession.getCurrent();
        Object choice = session == null ? null : session.getAttribute(CHOICE);
        return choice instanceof TimeDisplay display ? display : TimeDisplay.WORKSPACE;
    }

    public static void rememberBrowserZone(VaadinSession session, ZoneId zone) {
        session.setAttribute(BROWSER_ZONE, zone);
    }

    /** The browser's zone once it has told it (the first page of a session asks for it). */
    public static Optional<ZoneId> browserZone() {
        VaadinSession session = VaadinSession.getCurrent();
        Object zone = session == null ? null : session.getAttribute(BROWSER_ZONE);
        return zone instanceof ZoneId id ? Optional.of(id) : Optional.empty();
    }

    /**
     * @param workspaceZone the zone of the workspace the time belongs to, or null where a page is about no single
     *                      workspace (profile, audit log across workspaces)
     */
    public static ZoneId resolve(ZoneId workspaceZone) {
        return switch (choice()) {
            case UTC -> ZoneOffset.UTC;
            case BROWSER -> browserZone().orElse(workspaceZone == null ? ZoneOffset.UTC : workspaceZone);
            case WORKSPACE -> workspaceZone == null ? ZoneOffset.UTC : workspaceZone;
        };
    }
}
