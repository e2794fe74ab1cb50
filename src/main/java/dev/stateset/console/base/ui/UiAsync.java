package dev.stateset.console.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs slow work (calls to Flink) off the UI thread as the logged-in user, then applies the result through
 * {@code ui.access} (delivered by server push). The page renders at once and fills in when the answer comes.
 */
public final class UiAsync {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ui-async-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private UiAsync() {}

    public static <T> CompletableFuture<Void> load(Component owner, Supplier<T> work, Consumer<T> apply) {
        UI ui = owner.getUI().orElseGet(UI::getCurrent);
        SecurityContext security = SecurityContextHolder.getContext();
        return CompletableFuture.supplyAsync(() -> {
            SecurityContextHolder.setContext(security);
            try {
                return work.get();
            } finally {
                SecurityContextHolder.clearContext();
            }
        }, EXECUTOR).handle((result, error) -> {
            if (ui != null) {
                ui.access(() -> {
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        Notifications.error(cause.getMessage() == null ? cause.toString() : cause.getMessage());
                    } else {
                        apply.accept(result);
                    }
                });
            }
            return null;
        });
    }
}
