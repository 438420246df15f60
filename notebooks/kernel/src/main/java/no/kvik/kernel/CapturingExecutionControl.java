package no.kvik.kernel;

import java.lang.reflect.Field;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution control, extended to hand the kernel the actual object of a variable
 * (not only its {@code toString}) so tables and charts can be rendered richly.
 *
 * <p>Why in-process: cells share the kernel's JVM, so a displayed object reaches the renderer directly
 * and a start costs one JVM, not two. Interrupting still works because {@link LocalExecutionControl#stop()}
 * stops the snippet thread: with {@code Thread.stop} on Java 17, and on Java 21+ (where Thread.stop is
 * gone) by instrumenting snippet code with stop checks at method entry and backward branches plus a
 * thread interrupt. A loop inside library code that ignores interrupts cannot be stopped on Java 21+.
 */
final class CapturingExecutionControl extends LocalExecutionControl {

    private final Object lock = new Object();
    private Object captured;
    private volatile boolean stopPending;

    /** Makes the next snippet invocation stop before it starts (a stop may arrive while JShell compiles). */
    void stopPending(boolean pending) {
        stopPending = pending;
    }

    @Override
    protected String invoke(java.lang.reflect.Method doitMethod) throws Exception {
        if (stopPending) throw new StoppedException();
        return super.invoke(doitMethod);
    }

    /**
     * Called by {@code JShell.varValue(VarSnippet)}; records the variable's object for {@link #takeCaptured()}.
     */
    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        try {
            Field f = findClass(className).getDeclaredField(varName);
            f.setAccessible(true);
            Object value = f.get(null);
            synchronized (lock) {
                captured = value;
            }
            return "";
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InternalException("cannot read variable " + varName + ": " + e);
        }
    }

    Object takeCaptured() {
        synchronized (lock) {
            Object v = captured;
            captured = null;
            return v;
        }
    }

    /** Hands JShell the one control instance so the kernel keeps a reference to it. */
    static final class Provider implements ExecutionControlProvider {
        private final CapturingExecutionControl control;

        Provider(CapturingExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "kvik-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
