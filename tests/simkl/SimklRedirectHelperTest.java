package simkl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The redirect helper's connections: each on its own thread, each with a deadline for its request. */
class SimklRedirectHelperTest {
    /** Deadlines that fire when the test says, in the order they were set. */
    private final BlockingQueue<Runnable> deadlines = new LinkedBlockingQueue<>();
    private final ConnectionDeadlines connections = new ConnectionDeadlines(Duration.ofSeconds(10),
            (after, expire) -> {
                deadlines.add(expire);
                return () -> { };
            });

    private static HttpResponse<String> get(String url) throws Exception {
        // the limit only ends a test whose helper stopped answering
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the helper's side of a connection did: -1 once it closed it. */
    private static int next(Socket s) throws IOException {
        s.setSoTimeout(20_000); // only a helper that never closes it waits this long
        try (InputStream in = s.getInputStream()) {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    @Test
    void aRequestLeftHalfwayIsCutOffAtItsDeadlineAndHoldsUpNoOther() throws Exception {
        try (SimklRedirectHelper helper = new SimklRedirectHelper("127.0.0.1", 0, code -> { }, s -> s,
                connections); Socket halfway = new Socket(InetAddress.getLoopbackAddress(), port(helper))) {
            halfway.getOutputStream().write("GET /callback?sta".getBytes(StandardCharsets.US_ASCII));
            halfway.getOutputStream().flush();
            Runnable halfwaysDeadline = deadlines.poll(20, TimeUnit.SECONDS);
            assertNotNull(halfwaysDeadline, "the half-sent request is on a thread of its own, its deadline set");
            assertEquals(404, get(base(helper) + "/other").statusCode(), "answered meanwhile");

            halfwaysDeadline.run();
            assertEquals(-1, next(halfway), "closed at its deadline");
            for (Runnable later = deadlines.poll(); later != null; later = deadlines.poll()) later.run();
            assertEquals(404, get(base(helper) + "/other").statusCode(),
                    "a deadline that comes after its answer cuts nothing, and the helper still answers");
        }
    }

    @Test
    void aConnectionWhoseDeadlinePassedBeforeItsHandlerRanIsClosedUnanswered() throws Exception {
        // every deadline passes at once: the request arrives whole, but too late
        ConnectionDeadlines expired = new ConnectionDeadlines(Duration.ZERO, (after, expire) -> {
            expire.run();
            return () -> { };
        });
        try (SimklRedirectHelper helper = new SimklRedirectHelper("127.0.0.1", 0, code -> fail("not handled"),
                s -> s, expired); Socket late = new Socket(InetAddress.getLoopbackAddress(), port(helper))) {
            late.getOutputStream().write(("GET /callback?code=abc&state=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            late.getOutputStream().flush();
            assertEquals(-1, next(late));
        }
    }

    private static int port(SimklRedirectHelper helper) {
        return URI.create(helper.callbackUrl()).getPort();
    }

    private static String base(SimklRedirectHelper helper) {
        return "http://127.0.0.1:" + port(helper);
    }
}
