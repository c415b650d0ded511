package cli;

import java.io.File;
import java.io.IOException;
import java.util.List;

/** Opens a link in a browser when this machine has one; says so when it has not. */
final class Browser {
    private Browser() {}

    static void open(String url, Console console) {
        for (List<String> cmd : List.of(List.of("xdg-open", url), List.of("open", url), List.of("wslview", url))) {
            if (onPath(cmd.get(0))) {
                try {
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    console.info("Opened the link in your browser.");
                    return;
                } catch (IOException e) {
                    break;
                }
            }
        }
        console.warn("No browser could be opened on this machine: open the link above yourself (on any device).");
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, exe).canExecute()) return true;
        }
        return false;
    }
}
