package cli;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import org.apache.commons.cli.Options;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The tool's version, the commit it was made from when known ({@link SourceCommit}), and the
 * versions of Java and the key libraries (for --version and bug reports).
 */
public final class VersionInfo {
    public static final String TOOL = "0.1.0";

    private VersionInfo() {}

    /** {@code env}: the launcher's variables, which name the checkout the tool runs from. */
    public static Map<String, String> all(Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("plex_simkl_sync", TOOL);
        m.put("commit", SourceCommit.find(env));
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("jackson", PackageVersion.VERSION.toString());
        m.put("unirest", library(kong.unirest.core.Unirest.class, "com.konghq", "unirest-java-core"));
        m.put("commons-cli", library(Options.class, "commons-cli", "commons-cli"));
        return m;
    }

    static String library(Class<?> anchor, String group, String artifact) {
        String v = anchor.getPackage() == null ? null : anchor.getPackage().getImplementationVersion();
        if (v != null) return v;
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through: the version is only informative
        }
        return "unknown";
    }

    /** "plex_simkl_sync 0.1.0 (commit 1a2b3c4d5e6f)": the first line, which the installer repeats. */
    public static String text(Map<String, String> env) {
        Map<String, String> m = all(env);
        String commit = m.get("commit") == null ? "" : " (commit " + m.get("commit").substring(0, 12) + ")";
        return "plex_simkl_sync " + m.get("plex_simkl_sync") + commit + "\n"
                + "Java " + m.get("java") + "\n"
                + "Jackson " + m.get("jackson") + ", Unirest " + m.get("unirest") + ", Commons CLI "
                        + m.get("commons-cli") + "\n";
    }
}
