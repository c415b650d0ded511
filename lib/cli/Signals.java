package cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Handling an operating-system signal (INT, TERM, HUP) in place of the JVM's default, which runs
 * the shutdown hooks and exits at once. The JDK's handler API (sun.misc.Signal, in the
 * jdk.unsupported module every JDK ships) is reached by reflection: named directly, every
 * compile of the script would print warnings about it to the person running it.
 */
final class Signals {
    private Signals() {}

    /** A handler in place; {@link #restore()} puts back the one it replaced. */
    interface Trap {
        void restore();
    }

    /**
     * Calls {@code onSignal} (on a thread of the JVM's) whenever the signal {@code name} arrives;
     * null when this JVM does not let it be handled (-Xrs, a signal the parent ignores, no such API).
     */
    static Trap trap(String name, Runnable onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            onSignal.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "signal handler for " + name;
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = handle.invoke(null, signal, handler);
            return () -> {
                try {
                    handle.invoke(null, signal, previous);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // the process is ending, or the handler stays: either way nothing to tell
                }
            };
        } catch (InvocationTargetException refused) {
            return null; // the JVM or the parent keeps this signal
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            return null;
        }
    }
}
