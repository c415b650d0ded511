package support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Serves a folder read-only over HTTP (GET and HEAD) on a loopback port: a stand-in for the web host of a JBang
 * catalog, or for a Maven repository. */
public final class FileServer implements AutoCloseable {
    private final HttpServer server;

    public FileServer(Path root) throws IOException {
        this(root, Set.of("GET", "HEAD"));
    }

    /** A host that answers only the given methods, and 405 Method Not Allowed to the others (as some answer HEAD). */
    public FileServer(Path root, Set<String> methods) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> {
            Path file = base.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            String method = ex.getRequestMethod();
            if (!methods.contains(method)) {
                ex.getResponseHeaders().set("Allow", String.join(", ", methods));
                ex.sendResponseHeaders(405, -1);
                ex.close();
                return;
            }
            boolean ok = (method.equals("GET") || method.equals("HEAD")) && file.startsWith(base)
                    && Files.isRegularFile(file);
            byte[] body = ok ? Files.readAllBytes(file) : "not found".getBytes();
            if (method.equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                ex.sendResponseHeaders(ok ? 200 : 404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(ok ? 200 : 404, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** http://127.0.0.1:PORT (no trailing slash). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
