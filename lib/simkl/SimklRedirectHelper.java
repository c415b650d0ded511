package simkl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local OAuth redirect helper: listens on HOST:PORT for SIMKL's redirect to /callback, checks
 * the state it put in the authorization link, and hands the code over once. Answers nothing else.
 */
public final class SimklRedirectHelper implements AutoCloseable {
    /** Exchanges a code for a token and saves it; a failure message is shown on the error page. */
    public interface CodeHandler {
        void handle(String code) throws Exception;
    }

    private final HttpServer server;
    private final String state;
    private final String callbackUrl;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CodeHandler handler;

    public SimklRedirectHelper(String host, int port, CodeHandler handler) throws IOException {
        this.handler = handler;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.state = HexFormat.of().formatHex(random);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 8);
        } catch (BindException e) {
            throw new IOException("port " + port + " on " + host
                    + " is in use or not allowed. Pick another with --bind HOST:PORT"
                    + " and register the same port in your SIMKL app's Redirect URI.", e);
        }
        String publicHost = host.equals("0.0.0.0") || host.equals("::") ? lanAddress() : host;
        int actualPort = server.getAddress().getPort();
        this.callbackUrl = "http://" + (publicHost.contains(":") ? "[" + publicHost + "]" : publicHost) + ":"
                + actualPort + "/callback";
        server.createContext("/", this::serve);
        server.start();
    }

    /** This machine's LAN address, found from its interfaces without sending any traffic. */
    static String lanAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual() || ni.isPointToPoint()) continue;
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) return a.getHostAddress();
                }
            }
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) continue;
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) return a.getHostAddress();
                }
            }
        } catch (IOException ignored) {
            // fall back to loopback
        }
        return "127.0.0.1";
    }

    public String callbackUrl() {
        return callbackUrl;
    }

    /** The link the person opens to grant access. */
    public String authorizeUrl(String webBase, String clientId) {
        return webBase + "/oauth/authorize?response_type=code&client_id=" + enc(clientId) + "&redirect_uri="
                + enc(callbackUrl)
                + "&state=" + state + "&app-name=plex_simkl_sync";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Waits until a valid code was handled, or the timeout passes (false). */
    public boolean await(Duration timeout) throws Exception {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        try {
            if (!ex.getRequestURI().getPath().equals("/callback")) {
                page(ex, 404, "Not found", "This helper only answers /callback.");
                return;
            }
            if (!ex.getRequestMethod().equals("GET")) {
                page(ex, 405, "Method not allowed", "Only GET /callback.");
                return;
            }
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if (done.isDone()) {
                page(ex, 410, "Already done", "The sign-in was already completed; you can close this tab.");
                return;
            }
            if (!state.equals(q.get("state"))) {
                page(ex, 400, "Sign-in refused", "The link's state does not match the one this helper issued. Open "
                        + "the link the helper printed.");
                return;
            }
            String code = q.get("code");
            if (code == null || code.isBlank()) {
                page(ex, 400, "Sign-in refused", "SIMKL sent no code"
                        + (q.containsKey("error") ? " (" + q.get("error") + ")" : "") + ".");
                return;
            }
            try {
                handler.handle(code);
            } catch (Exception e) {
                page(ex, 502, "Sign-in failed", "The code could not be exchanged for a token: " + e.getMessage());
                return;
            }
            page(ex, 200, "Success!", "plex_simkl_sync is signed in to SIMKL. You can close this tab.");
            done.complete(null);
        } finally {
            ex.close();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) return m;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void page(HttpExchange ex, int status, String title, String text) throws IOException {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title></head><body><h1>"
                + esc(title) + "</h1><p>" + esc(text) + "</p></body></html>";
        byte[] b = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
