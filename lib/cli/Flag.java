package cli;

import java.util.EnumSet;
import java.util.Set;

/**
 * One flag of the command line, as {@link Flags} lists it: its names, its argument, its help line,
 * and where it belongs. A flag either names a command ({@code command}) or is an option that goes
 * with some commands ({@code with}). A flag with an argument reads it into a typed value.
 */
public final class Flag<T> {
    /** Reads a flag's text into its value, or says in one line why it cannot. */
    public interface Reader<T> {
        T read(String text) throws UsageException;
    }

    final String name;
    final String shortName;
    final String argName;
    final String help;
    final Verb command;
    final Set<Verb> with;
    final Reader<T> reader;
    /** The value when the flag is given without one (a flag whose value may be left out), else null. */
    final T whenBare;

    private Flag(String name, String shortName, String argName, String help, Verb command, Set<Verb> with,
            Reader<T> reader, T whenBare) {
        this.name = name;
        this.shortName = shortName;
        this.argName = argName;
        this.help = help;
        this.command = command;
        this.with = with;
        this.reader = reader;
        this.whenBare = whenBare;
    }

    /** A flag that names a command and takes no value. */
    static Flag<Boolean> command(Verb verb, String help) {
        return new Flag<>(verb.word(), null, null, help, verb, Set.of(verb), null, null);
    }

    /** A flag that names a command and takes a value. */
    static <T> Flag<T> command(Verb verb, String argName, String help, Reader<T> reader) {
        return new Flag<>(verb.word(), null, argName, help, verb, Set.of(verb), reader, null);
    }

    /** An option without a value that goes with these commands. */
    static Flag<Boolean> option(String name, String help, Verb first, Verb... more) {
        return new Flag<>(name, null, null, help, null, EnumSet.of(first, more), null, null);
    }

    /** An option with a value that goes with these commands. */
    static <T> Flag<T> option(String name, String argName, String help, Reader<T> reader, Verb first, Verb... more) {
        return new Flag<>(name, null, argName, help, null, EnumSet.of(first, more), reader, null);
    }

    /** This flag with a one-letter name too ("-q"). */
    Flag<T> shortName(String letter) {
        return new Flag<>(name, letter, argName, help, command, with, reader, whenBare);
    }

    /** This flag with a value that may be left out, standing for {@code value} then ("--journal" = 20). */
    Flag<T> valueOptional(T value) {
        return new Flag<>(name, shortName, argName, help, command, with, reader, value);
    }

    boolean takesValue() {
        return argName != null;
    }

    /** "--max-delete N" (with "-q, " in front of a flag that has a short name). */
    String usage() {
        String arg = argName == null ? "" : whenBare != null ? " [" + argName + "]" : " " + argName;
        return (shortName != null ? "-" + shortName + ", " : "") + "--" + name + arg;
    }

    @Override
    public String toString() {
        return "--" + name;
    }
}
