package cli;

import config.CleanValue;
import plex.PlexHome;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which Plex Home user --init-plex --home-user sets up, and its PIN: by name, or asked on a
 * terminal (a numbered list; the PIN at a prompt that does not echo). Elsewhere it says which flag
 * gives the answer. One reader for both questions, so a line read ahead is not lost between them.
 */
final class HomeUserPrompt {
    private final Session s;
    private final String homePin;
    private final BufferedReader in;

    HomeUserPrompt(Session s, String homePin) {
        this.s = s;
        this.homePin = homePin;
        this.in = new BufferedReader(new InputStreamReader(s.ctx.in(), StandardCharsets.UTF_8));
    }

    /** The Home user named (its title or its username, in any case), or a refusal that lists the Home's users. */
    static PlexHome.User byName(List<PlexHome.User> users, String name) throws Failure {
        for (PlexHome.User u : users) {
            if (u.title().equalsIgnoreCase(name.trim()) || (!u.username().isBlank()
                    && u.username().equalsIgnoreCase(name.trim()))) {
                return u;
            }
        }
        throw Failure.usage("No Plex Home user is called \"" + name + "\". The Home has: " + String.join(", ",
                users.stream().map(PlexHome.User::describe).toList()) + ".");
    }

    /** A numbered list to pick from, on a terminal (elsewhere: the names, and the flag that picks one). */
    PlexHome.User choose(List<PlexHome.User> users) throws Failure, IOException {
        if (!interactive(s)) {
            throw Failure.usage("Name the Plex Home user: --home-user NAME, one of " + String.join(", ",
                    users.stream().map(PlexHome.User::describe).toList()) + ".");
        }
        s.console.plain("Plex Home users:");
        for (int i = 0; i < users.size(); i++) s.console.plain("  " + (i + 1) + ". " + users.get(i).describe());
        s.console.plain("Sync whose watchlist? Type its number:");
        String line = in.readLine();
        try {
            int n = Integer.parseInt(line == null ? "" : line.trim());
            if (n >= 1 && n <= users.size()) return users.get(n - 1);
        } catch (NumberFormatException e) {
            // said below
        }
        throw Failure.usage("No Home user chosen (\"" + (line == null ? "" : line.trim()) + "\" is not a number from "
                + "the list); nothing was saved.");
    }

    /** The Home user's PIN: --home-pin, PLEX_HOME_PIN, or typed at a prompt that does not echo it. */
    String pin(PlexHome.User user) throws Failure, IOException {
        if (homePin != null && !homePin.isBlank()) return homePin.trim();
        String env = s.ctx.env().get("PLEX_HOME_PIN");
        if (env != null && !env.isBlank()) return env.trim();
        if (!interactive(s)) {
            throw Failure.usage("\"" + user.title() + "\" has a PIN: give it with --home-pin PIN or PLEX_HOME_PIN.");
        }
        String prompt = "PIN of \"" + user.title() + "\" (not shown): ";
        String typed;
        if (s.ctx.in() == System.in && System.console() != null) {
            char[] chars = System.console().readPassword("%s", prompt);
            typed = chars == null ? "" : new String(chars);
        } else {
            s.console.plain(prompt);
            typed = in.readLine();
        }
        // a key such as an arrow types a control character: sent on, it would fail as a network error
        String bad = CleanValue.problem(typed, CleanValue.Kind.CREDENTIAL);
        if (bad != null) throw Failure.usage("The PIN typed " + bad + "; nothing was saved. Run the command again.");
        return typed == null ? "" : typed.trim();
    }

    private static boolean interactive(Session s) {
        return s.ctx.in() != System.in || System.console() != null;
    }
}
