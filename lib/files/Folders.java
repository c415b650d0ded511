package files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The folders the tool creates and the checks on what it finds in them. A folder it makes is
 * 0700 (it will hold tokens); a symbolic link where one of its files should be is never followed:
 * it is refused, so that a link planted in a shared folder cannot make the tool write elsewhere.
 */
public final class Folders {
    public static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private Folders() {}

    /** A link where a file of the tool's should be: refused with the path, never followed. */
    public static final class LinkRefused extends IOException {
        public LinkRefused(Path file) {
            super(file + " is a symbolic link; the tool does not write through links. Remove the link (the tool "
                    + "makes the file itself), or point --dir at the real folder.");
        }
    }

    /** Creates {@code dir} and any missing parents, each one it creates owner-only (0700). */
    public static void create(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) return;
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                if (posix(p.getFileSystem())) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } else {
                    Files.createDirectory(p);
                }
            } catch (FileAlreadyExistsException raced) {
                // another run made it first
            }
        }
        if (!Files.isDirectory(abs)) throw new IOException(abs + " is not a folder");
    }

    /**
     * A folder of the tool's own inside its config folder (backups/, plans/), created 0700 when missing.
     * A link in its place is refused: the tool writes into it and prunes old files from it, and a planted
     * link would send both elsewhere. (The config folder itself may be a link: that is the person's choice.)
     */
    public static void createOwn(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) throw new LinkRefused(dir);
        create(dir);
    }

    /** The attributes of a new file the tool writes: owner-only (0600) where the file system has modes. */
    public static FileAttribute<?>[] ownerOnlyFile(Path file) {
        if (!posix(file.getFileSystem())) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(AtomicFile.OWNER_ONLY)};
    }

    /** Throws {@link LinkRefused} when {@code file} is a symbolic link. */
    public static void refuseLink(Path file) throws LinkRefused {
        if (Files.isSymbolicLink(file)) throw new LinkRefused(file);
    }

    /**
     * Whether other users may write {@code path} (a folder or a file): then they could swap the tool's
     * files, or plant links, under it. False where the file system has no modes.
     */
    public static boolean writableByOthers(Path path) throws IOException {
        if (!posix(path.getFileSystem())) return false;
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static boolean posix(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix");
    }
}
