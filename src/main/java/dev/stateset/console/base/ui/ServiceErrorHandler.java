package dev.stateset.console.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.stateset.console.base.InvalidInputException;
import dev.stateset.console.base.ResourceNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Turns a refusal by a service that reached the UI unhandled (e.g. a role changed while the page was open)
 * into a clear message instead of Vaadin's generic "internal error".
 */
@Component
class ServiceErrorHandler implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ServiceErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource()
                .addSessionInitListener(init -> init.getSession().setErrorHandler(ServiceErrorHandler::handle));
    }

    static void handle(ErrorEvent event) {
        String message = messageFor(rootServiceError(event.getThrowable()));
        if (message == null || UI.getCurrent() == null) {
            new DefaultErrorHandler().error(event);
            return;
        }
        log.debug("Refused: {}", message);
        // The error handler runs inside the request that failed, with the session locked: show it directly.
        Notifications.error(message);
    }

    private static String messageFor(Throwable cause) {
        if (cause instanceof AccessDeniedException denied) {
            return "Not allowed: " + denied.getMessage();
        }
        if (cause instanceof ResourceNotFoundException notFound) {
            return notFound.getMessage() + " (it may have been removed)";
        }
        if (cause instanceof InvalidInputException invalid) {
            return invalid.getMessage();
        }
        return null;
    }

    private static Throwable rootServiceError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AccessDeniedException
                    || c instanceof ResourceNotFoundException
                    || c instanceof InvalidInputException) {
                return c;
            }
        }
        return null;
    }
}
