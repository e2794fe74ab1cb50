package dev.stateset.console.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements prepared on the current thread (JDBC prepareStatement/createStatement), through a proxy
 * of the application's DataSource: "queries per tick" without trusting an ORM's own statistics.
 */
final class StatementCounter implements BeanPostProcessor {

    private static final ThreadLocal<AtomicLong> COUNT = ThreadLocal.withInitial(AtomicLong::new);

    /** Statements of the scheduler's extra claimer threads (PostgreSQL), which the ticking thread's count misses. */
    private static final AtomicLong CLAIMERS = new AtomicLong();

    static long current() {
        return COUNT.get().get();
    }

    static long ofClaimers() {
        return CLAIMERS.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(Proxy.isProxyClass(bean.getClass()))) {
            return Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        Object result = invoke(dataSource, method, args);
                        return result instanceof Connection connection ? countingConnection(connection) : result;
                    });
        }
        return bean;
    }

    private static Connection countingConnection(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")
                    || method.getName().equals("createStatement")
                    || method.getName().equals("prepareCall")) {
                COUNT.get().incrementAndGet();
                if (Thread.currentThread().getName().equals("snapshot-claimer")) {
                    CLAIMERS.incrementAndGet();
                }
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(
                StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
