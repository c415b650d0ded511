package support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Files;

/** A {@link WorldTest} with a loopback notification receiver, and config.json pointing notify targets at it. */
public abstract class ReceiverWorldTest extends WorldTest {
    protected Receiver receiver;

    @BeforeEach
    void openReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    /** config.json with these notify targets (a JSON list), the sync settings at their defaults. */
    protected void notifyTargets(String targetsJson) throws Exception {
        w.config("{}");
        String cfg = Files.readString(w.dir.resolve("config.json"));
        Files.writeString(w.dir.resolve("config.json"), cfg.substring(0, cfg.lastIndexOf('}')) + ", \"notify\": "
                + targetsJson + "}");
    }
}
