package cli;

import java.util.Map;

/** One parsed command line: the command, and the value of each flag given (a flag without a value holds true). */
public record Invocation(Verb verb, Map<Flag<?>, Object> values) {
    public Invocation {
        values = Map.copyOf(values);
    }

    /** The flag's value, or null when it was not given. */
    @SuppressWarnings("unchecked")
    public <T> T get(Flag<T> flag) {
        return (T) values.get(flag);
    }

    /** The flag's value, or {@code otherwise} when it was not given. */
    public <T> T get(Flag<T> flag, T otherwise) {
        T v = get(flag);
        return v == null ? otherwise : v;
    }

    public boolean has(Flag<?> flag) {
        return values.containsKey(flag);
    }

    public boolean json() {
        return has(Flags.JSON);
    }

    public boolean dryRun() {
        return has(Flags.DRY_RUN);
    }
}
