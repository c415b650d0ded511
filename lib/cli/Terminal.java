package cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether stderr leads to a terminal, asked of stderr alone (not of stdout, as System.console()
 * does): colour, the progress line and the absence of time stamps follow it ({@code sync | less}
 * keeps them; {@code sync 2>>log} drops them). Java has no isatty: on Linux the stream's file
 * descriptor names its device; elsewhere the shell's {@code test -t} is asked, with the stream
 * handed to it as it is.
 */
final class Terminal {
    private Terminal() {}

    static boolean stderr() {
        int fd = 2;
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String device = Files.readSymbolicLink(link).toString();
                return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        try {
            ProcessBuilder test = new ProcessBuilder("sh", "-c", "test -t " + fd);
            test.redirectError(ProcessBuilder.Redirect.INHERIT);
            return test.start().waitFor() == 0;
        } catch (IOException e) {
            return System.console() != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
