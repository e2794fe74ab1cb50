package dev.stateset.console.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import dev.stateset.console.base.TimeDisplay;
import dev.stateset.console.base.ui.DisplayZone;
import dev.stateset.console.security.CurrentUser;
import dev.stateset.console.security.UserService;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * Puts the logged-in user's time display choice and the browser's zone into the Vaadin session, once, so that
 * {@link DisplayZone} answers every page without a query. The browser tells its zone a round trip after the
 * first page is drawn: a user who reads times on the browser's clock gets that page drawn again.
 */
@Component
class TimeDisplaySession implements VaadinServiceInitListener {

    private final UserService users;
    private final CurrentUser currentUser;

    TimeDisplaySession(UserService users, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            UI ui = init.getUI();
            VaadinSession session = ui.getSession();
            if (!DisplayZone.chosen(session) && currentUser.find().isPresent()) {
                DisplayZone.choose(session, users.timeDisplay());
            }
            if (DisplayZone.browserZone().isEmpty()) {
                ui.getPage().retrieveExtendedClientDetails(details -> {
                    ZoneId zone = zoneOf(details.getTimeZoneId());
                    if (zone != null && DisplayZone.browserZone().isEmpty()) {
                        DisplayZone.rememberBrowserZone(session, zone);
                        if (DisplayZone.choice() == TimeDisplay.BROWSER) {
                            ui.refreshCurrentRoute(false);
                        }
                    }
                });
            }
        });
    }

    private static ZoneId zoneOf(String id) {
        try {
            return id == null || id.isBlank() ? null : ZoneId.of(id);
        } catch (DateTimeException e) {
            return null; // a zone the JVM does not know: keep the workspace's
        }
    }
}
