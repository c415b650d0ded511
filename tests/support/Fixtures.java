package support;

import com.fasterxml.jackson.databind.JsonNode;
import files.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recorded public responses of Plex and SIMKL in tests/fixtures (each with a .source.txt that says
 * where it comes from). scripts/test runs from the checkout, so the folder is always there.
 */
public final class Fixtures {
    public static final Path ROOT = Path.of(System.getProperty("user.dir"), "tests", "fixtures");

    private Fixtures() {}

    public static JsonNode json(String rel) throws IOException {
        Path file = ROOT.resolve(rel);
        if (!Files.isRegularFile(file)) throw new IllegalStateException("missing fixture " + file
                + ": run the tests from the checkout");
        return Json.MAPPER.readTree(file.toFile());
    }
}
