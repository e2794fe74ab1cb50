package dev.stateset.console.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs slow work (calls to Flink or the storage) off the UI thread as the logged-in user, then applies the result through
 * {@code ui.access} (delivered by server push). The page renders at once and fills in when the answer comes; no user's
 * session waits on a cluster or a bucket.
 *
 * <p>The threads are bounded (they wait on clusters and buckets, so one hung cluster must not make the console start
 * thread after thread); when all are busy and the queue is full, the page is told the console is busy. They are
 * Spring's executor, owned by this bean rather than published as an {@code Executor} bean, which Spring Boot's
 * own task executor would then back off for.
 */
@org.springframework.stereotype.Component
public class UiAsync implements DisposableBean {

    static final int THREADS = 16;
    static final int QUEUED = 200;

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    UiAsync() {
        executor.setCorePoolSize(THREADS);
        executor.setMaxPoolSize(THREADS);
        executor.setQueueCapacity(QUEUED);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setDaemon(true);
        executor.setThreadNamePrefix("ui-async-");
        executor.initialize();
    }

    public <T> CompletableFuture<Void> load(Component owner, Supplier<T> work, Consumer<T> apply) {
        return load(
                owner,
                work,
                apply,
                cause -> Notifications.error(cause.getMessage() == null ? cause.toString() : cause.getMessage()));
    }

    /**
     * Like {@link #load(Component, Supplier, Consumer)}, with the failure handed to
     * {@code failed} (on the UI thread) for the page to show where it belongs, e.g. in the dialog that started the work.
     */
    public <T> CompletableFuture<Void> load(
            Component owner, Supplier<T> work, Consumer<T> apply, Consumer<RuntimeException> failed) {
        UI ui = owner.getUI().orElseGet(UI::getCurrent);
        SecurityContext security = SecurityContextHolder.getContext();
        CompletableFuture<T> result;
        try {
            result = CompletableFuture.supplyAsync(
                    () -> {
                        SecurityContextHolder.setContext(security);
                        try {
                            return work.get();
                        } finally {
                            SecurityContextHolder.clearContext();
                        }
                    },
                    executor);
        } catch (RejectedExecutionException busy) {
            result = CompletableFuture.failedFuture(new IllegalStateException(
                    "The console is busy with other requests to Flink and storage; try again in a moment"));
        }
        return result.handle((value, error) -> {
            if (ui != null) {
                ui.access(() -> {
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        failed.accept(
                                cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause));
                    } else {
                        apply.accept(value);
                    }
                });
            }
            return null;
        });
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
