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
 * Runs slow work (calls to Flink or the storage) off the UI thread as the logged-in user, then applies the result through
 * {@code ui.access} (delivered by server push). The page renders at once and fills in when the answer comes; no user's
 * session waits on a cluster or a bucket.
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
        return load(owner, work, apply, cause -> Notifications.error(cause.getMessage() == null ? cause.toString() : cause.getMessage()));
    }

    /**
     * Like {@link #load(Component, Supplier, Consumer)}, with the failure handed to {@code failed} (on the UI thread) for
     * the page to show where it belongs, e.g. in the dialog that started the work.
     */
    public static <T> CompletableFuture<Void> load(Component owner, Supplier<T> work, Consumer<T> apply, Consumer<RuntimeException> failed) {
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
                        failed.accept(cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause));
                    } else {
                        apply.accept(result);
                    }
                });
            }
            return null;
        });
    }
}
