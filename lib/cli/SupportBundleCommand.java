package cli;

import files.AtomicFile;
import http.Redactor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * --support-bundle [FILE]: one .zip for a bug report ({@link BundleMembers}), written only when no
 * member holds a secret this run knows (raw or URL-encoded): a bundle is sent to someone else, so a
 * found secret refuses it whole, naming the member and never the secret. Mode 600, never through a link.
 */
record SupportBundleCommand(String file, boolean noTitles) implements Command {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public int run(Session s) throws Exception {
        Path target = s.ctx.cwd().resolve(file == null || file.isEmpty()
                ? "plex_simkl_sync-support-" + STAMP.format(s.ctx.clock().instant()) + ".zip" : file);
        if (Files.isDirectory(target)) throw Failure.usage(target + " is a folder: give --support-bundle a file name.");
        if (claimsAnotherFormat(target.getFileName().toString())) {
            throw Failure.usage(target.getFileName() + " names a tar or gzip archive, but a support bundle is a .zip: "
                    + "give --support-bundle a name ending in .zip. Nothing was written.");
        }
        s.console.info("Gathering the support bundle (it reads both lists and asks both services, as --doctor does).");
        Map<String, String> members = BundleMembers.gather(s, noTitles);
        String leaking = firstLeaking(members, s.console.redactor());
        if (leaking != null) {
            throw Failure.usage("Not writing the support bundle: its member " + leaking + " holds a secret this run "
                    + "knows (a token, the client secret, a Home PIN or part of a notify URL). Nothing was written. "
                    + "Please report this: it is a bug in what the bundle gathers.");
        }
        try {
            AtomicFile.write(target, out -> zip(members, out));
        } catch (IOException e) {
            throw Failure.usage("Could not write " + target + ": " + e.getMessage() + " Choose another FILE.");
        }
        s.console.result("Support bundle written: " + target + " (" + members.size() + " files, readable by you only"
                + (noTitles ? ", no titles" : "") + ").");
        s.console.result("What is in it: README.txt inside. Replay it with: " + s.console.command() + " --replay "
                + Session.shellWord(target.toString()));
        return ExitCode.OK;
    }

    /** True for a name a person would open with tar or gunzip: a .zip written under it would mislead. */
    static boolean claimsAnotherFormat(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".tar") || n.endsWith(".gz") || n.endsWith(".tgz") || n.endsWith(".tar.xz")
                || n.endsWith(".txz") || n.endsWith(".bz2");
    }

    /** The first member holding a secret the run knows; null when none does. */
    static String firstLeaking(Map<String, String> members, Redactor r) {
        for (Map.Entry<String, String> m : members.entrySet()) {
            if (r.holdsSecret(m.getKey()) || r.holdsSecret(m.getValue())) return m.getKey();
        }
        return null;
    }

    private static void zip(Map<String, String> members, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> m : members.entrySet()) {
            zip.putNextEntry(new ZipEntry(m.getKey()));
            zip.write(m.getValue().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        zip.finish();
    }
}
