package no.kvik.notebook;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A connection that remembers every statement created through it, so that a notebook cell interrupt can
 * cancel the query that is running: DuckDB works in native code, where Java's thread stop and interrupt do
 * not reach, and only {@link Statement#cancel()} on the executing statement stops it.
 */
final class CancellableConnection implements InvocationHandler {
    private final Connection target;
    private final Connection proxy;
    private final Set<Statement> statements = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    CancellableConnection(Connection target) {
        this.target = target;
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this);
    }

    /** The connection to hand out: statements it creates can be cancelled by {@link #cancelRunning()}. */
    Connection connection() {
        return proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof Statement s) statements.add(s);
        return result;
    }

    /** Cancels whatever statement is executing (a statement that is not executing ignores it); returns how many were asked. */
    int cancelRunning() {
        List<Statement> open;
        synchronized (statements) {
            open = new ArrayList<>(statements);
        }
        int asked = 0;
        for (Statement s : open) {
            try {
                if (!s.isClosed()) {
                    s.cancel();
                    asked++;
                }
            } catch (SQLException ignored) {
                // the statement finished or closed meanwhile: nothing left to stop
            }
        }
        return asked;
    }
}
