package cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which commit this copy of the tool was made from, for --version and bug reports, found without
 * running git and without a request: the commit written into the build (lib/cli/commit.txt, filled
 * in by {@code git archive} for a published copy, or by the image's build), else the HEAD of the
 * checkout the launcher names (PLEX_SIMKL_SYNC_HOME), read from its .git folder, a worktree's too.
 * Null when neither knows.
 */
final class SourceCommit {
    /** The resource the entry script's //FILES puts lib/cli/commit.txt at. */
    static final String RESOURCE = "/plex_simkl_sync.commit";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private SourceCommit() {}

    static String find(Map<String, String> env) {
        String built = built();
        if (built != null) return built;
        String home = env.get("PLEX_SIMKL_SYNC_HOME");
        return home == null || home.isBlank() ? null : ofCheckout(Path.of(home));
    }

    /** The commit built in, or null (in a checkout the file holds git's placeholder, not a commit). */
    static String built() {
        try (InputStream in = SourceCommit.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : hash(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    /** The commit {@code text} names, trimmed and in lower case, or null when it is not one. */
    static String hash(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return HASH.matcher(t).matches() ? t : null;
    }

    /**
     * The HEAD commit of the git checkout at {@code dir}: .git a folder, or a file naming the
     * worktree's folder ("gitdir: …"); HEAD a commit (detached) or a branch, looked up as a loose
     * ref in the worktree's folder or the shared one ("commondir"), then in packed-refs. Null when
     * any of it is missing or not as git writes it.
     */
    static String ofCheckout(Path dir) {
        try {
            Path dotGit = dir.resolve(".git");
            Path gitDir;
            if (Files.isDirectory(dotGit)) {
                gitDir = dotGit;
            } else if (Files.isRegularFile(dotGit)) {
                String line = Files.readString(dotGit).strip();
                if (!line.startsWith("gitdir:")) return null;
                gitDir = dir.resolve(line.substring("gitdir:".length()).strip()).normalize();
            } else {
                return null;
            }
            Path common = gitDir;
            Path commonFile = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonFile)) {
                common = gitDir.resolve(Files.readString(commonFile).strip()).normalize();
            }
            String head = Files.readString(gitDir.resolve("HEAD")).strip();
            if (hash(head) != null) return hash(head);
            if (!head.startsWith("ref: refs/")) return null;
            String ref = head.substring("ref: ".length()).strip();
            if (ref.contains("..")) return null;
            for (Path base : List.of(gitDir, common)) {
                Path loose = base.resolve(ref);
                if (Files.isRegularFile(loose)) return hash(Files.readString(loose));
            }
            Path packed = common.resolve("packed-refs");
            if (!Files.isRegularFile(packed)) return null;
            for (String line : Files.readAllLines(packed)) {
                String[] parts = line.strip().split(" ", 2);
                if (parts.length == 2 && parts[1].equals(ref)) return hash(parts[0]);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            // a checkout that cannot be read only means the commit is not known
            return null;
        }
    }
}
