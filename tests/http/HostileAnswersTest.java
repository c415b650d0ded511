package http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Answers a client must survive without hanging or leaking: a body that stalls after the headers,
 * an error body that echoes the request with its credentials, a credential HTTP cannot carry.
 */
class HostileAnswersTest {
    static final String TOKEN = "simkl-token-0123456789abcdef";
    static final String PLEX_TOKEN = "plexTokenXyz0123456789";
    HttpServer server;
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    /** What the server does with the next request. */
    volatile String mode = "stall";
    /** Released when the test ends: a stalled answer's thread waits on it, never on the clock. */
    final CountDownLatch done = new CountDownLatch(1);
    HttpPolicy policy;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            if (mode.equals("stall")) {
                ex.sendResponseHeaders(200, 4096);
                ex.getResponseBody().write("{\"items\": [".getBytes(StandardCharsets.UTF_8));
                ex.getResponseBody().flush();
                try {
                    done.await(60, TimeUnit.SECONDS); // the rest never comes while the client waits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
                return;
            }
            // an error page that repeats the request whole, as some proxies do
            StringBuilder echo = new StringBuilder("{\"error\":\"bad_request\",\"request\":\"" + ex.getRequestMethod()
                    + " " + ex.getRequestURI() + "\",\"headers\":\"");
            ex.getRequestHeaders().forEach((k, v) -> echo.append(k).append(": ").append(String.join(",", v))
                    .append("; "));
            echo.append("\"}");
            byte[] b = echo.toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(400, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        // the total deadline is connect + 2 x read = 1,500 ms here: the headers of a stalled answer come at once,
        // so only the total deadline can end it
        policy = new HttpPolicy(Duration.ofMillis(1000), Duration.ofMillis(250), 2, Duration.ofMillis(10),
                Duration.ofSeconds(1), Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC), d -> { },
                new Redactor(), s -> { }, "plex_simkl_sync/test", ConcurrentHashMap.newKeySet());
    }

    @AfterEach
    void stop() {
        done.countDown();
        server.stop(0);
    }

    private ServiceHttp client(Service service, Map<String, String> headers, Map<String, Object> query) {
        return new ServiceHttp(service, "http://127.0.0.1:" + server.getAddress().getPort(), policy, headers, query,
                null);
    }

    @Test
    void aBodyThatStallsAfterTheHeadersEndsTheRequestInBoundedTime() {
        try (ServiceHttp http = client(Service.SIMKL, Map.of(), Map.of())) {
            long start = System.nanoTime();
            ServiceException e = assertThrows(ServiceException.class,
                    () -> http.send(Request.get("/sync/all-items/movies"), false));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(2, seen.size(), "a read that stalled is tried again, as a timeout is: " + seen);
            assertTrue(e.getMessage().contains("no whole answer within 1500 ms"), e.getMessage());
            // two tries of 1.5 s each, and nothing like the minutes a stalled body held a run before
            assertTrue(tookMs < 30_000, "ended in " + tookMs + " ms");
        }
    }

    @Test
    void aStalledWriteIsNotSentAgain() {
        try (ServiceHttp http = client(Service.SIMKL, Map.of(), Map.of())) {
            ServiceException e = assertThrows(ServiceException.class,
                    () -> http.send(Request.post("/sync/history/remove", Map.of("movies", List.of()), false), false));
            assertEquals(1, seen.size(), "a write whose answer stalled may have been done: never sent again");
            assertTrue(e.getMessage().contains("no whole answer"), e.getMessage());
        }
    }

    /**
     * A stop while a write's answer stalls: the write is abandoned when the time the stop gives it is
     * up, not at its own deadline (70 s by default, longer than a stop waits), and said to be of
     * unknown fate. Here the stop gives it no time at all.
     */
    @Test
    void aStopAbandonsAWriteUnderWayWhenItsTimeIsUp() throws Exception {
        policy = policy.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)); // 130 s of its own
        try (ServiceHttp http = client(Service.SIMKL, Map.of(), Map.of())) {
            java.util.concurrent.CompletableFuture<Object> ended = new java.util.concurrent.CompletableFuture<>();
            Thread writer = new Thread(() -> {
                try {
                    ended.complete(http.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), true),
                            false));
                } catch (Exception e) {
                    ended.complete(e);
                }
            });
            writer.start();
            while (seen.isEmpty() && writer.isAlive()) Thread.onSpinWait(); // until the server holds the write
            http.stop(Duration.ZERO);
            Object result = ended.get(60, TimeUnit.SECONDS);
            ServiceException e = assertInstanceOf(ServiceException.class, result, String.valueOf(result));
            assertTrue(e.getMessage().contains("was abandoned without an answer from SIMKL: the run was asked to "
                    + "stop"), e.getMessage());
            assertTrue(e.mayHaveLanded(), "it reached SIMKL: " + e.getMessage());
            assertEquals(1, seen.size());
        }
    }

    @Test
    void anErrorBodyThatEchoesTheRequestNeverCarriesACredentialOut() {
        mode = "echo";
        policy = policy.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)); // a busy machine is no fault
        policy.redactor().add(TOKEN);
        policy.redactor().add(PLEX_TOKEN);
        policy.redactor().addIdentifier("simkl-client-id-0123456789");
        policy.redactor().add("4321"); // a Home PIN: too short to mask everywhere, masked where it is echoed
        try (ServiceHttp simkl = client(Service.SIMKL, Map.of("Authorization", "Bearer " + TOKEN, "simkl-api-key",
                "simkl-client-id-0123456789"), Map.of("client_id", "simkl-client-id-0123456789"));
             ServiceHttp plex = client(Service.PLEX_TV, Map.of("X-Plex-Token", PLEX_TOKEN), Map.of())) {
            ServiceException s = assertThrows(ServiceException.class,
                    () -> simkl.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), false), false));
            ServiceException p = assertThrows(ServiceException.class,
                    () -> plex.send(Request.post("/api/v2/home/users/7/switch", null, false).query("pin", "4321"),
                            false));
            for (String msg : List.of(s.getMessage(), p.getMessage())) {
                assertTrue(msg.contains("HTTP 400"), msg);
                for (String secret : List.of(TOKEN, PLEX_TOKEN, "simkl-client-id-0123456789", "4321")) {
                    assertFalse(msg.contains(secret), secret + " echoed into: " + msg);
                }
            }
        }
    }

    @Test
    void aCredentialWithALineBreakIsRefusedOnceWithoutShowingIt() {
        try (ServiceHttp http = client(Service.PLEX, Map.of("X-Plex-Token", "abc\ndef0123456789"), Map.of())) {
            ServiceException e = assertThrows(ServiceException.class, () -> http.send(Request.get("/library"), false));
            assertEquals(0, seen.size(), "nothing was sent, and nothing retried as if the network were down");
            assertTrue(e.getMessage().contains("a character HTTP cannot carry"), e.getMessage());
            assertFalse(e.getMessage().contains("def0123456789"), e.getMessage());
        }
    }
}
