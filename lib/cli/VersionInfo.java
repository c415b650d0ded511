package cli;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import org.apache.commons.cli.Options;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The tool's version and those of Java and the key libraries (for --version and bug reports). */
public final class VersionInfo {
    public static final String TOOL = "0.1.0";

    private VersionInfo() {}

    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("plex_simkl_sync", TOOL);
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

    public static String text() {
        Map<String, String> m = all();
        return "plex_simkl_sync " + m.get("plex_simkl_sync") + "\n"
                + "Java " + m.get("java") + "\n"
                + "Jackson " + m.get("jackson") + ", Unirest " + m.get("unirest") + ", Commons CLI "
                        + m.get("commons-cli") + "\n";
    }
}
