package support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * A notification receiver on a loopback port (ntfy, healthchecks or a webhook, as far as a
 * client can tell): records every request whole, answers a chosen status, or none at all while
 * it holds its answers.
 */
public final class Receiver implements AutoCloseable {
    /** One request as it arrived: method, path with query, headers (lower-case names), body. */
    public record Got(String method, String path, Map<String, String> headers, String body) {
        /** Every byte of it, for "no secret anywhere" checks. */
        public String all() {
            return method + " " + path + "\n" + headers + "\n" + body;
        }
    }

    private final HttpServer server;
    private final List<Got> got = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile boolean stall;
    private final CountDownLatch closed = new CountDownLatch(1);

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> {
            Map<String, String> h = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            got.add(new Got(ex.getRequestMethod(), ex.getRequestURI().toString(), h, body));
            if (stall) {
                // headers and a first byte, then nothing until the test ends: a target that hangs mid-answer
                ex.sendResponseHeaders(200, 100);
                ex.getResponseBody().write('O');
                ex.getResponseBody().flush();
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "OK".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            } catch (IOException gone) {
                // the client gave up waiting: that is the point of a slow receiver
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** http://127.0.0.1:PORT/PATH. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(int status) {
        this.status = status;
    }

    /** Every answer from now: the headers, one byte of the body, then nothing more until {@link #close()}. */
    public void stallBody() {
        this.stall = true;
    }

    /**
     * Answers nothing until {@link #close}: a receiver too slow for any client timeout, however
     * late that timeout fires.
     */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public List<Got> got() {
        return List.copyOf(got);
    }

    @Override
    public void close() {
        closed.countDown();
        held.countDown();
        server.stop(0);
    }
}
