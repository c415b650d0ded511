package simkl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import http.Sleeper;

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
import java.util.function.UnaryOperator;

/**
 * The local OAuth redirect helper: listens on HOST:PORT for SIMKL's redirect to /callback, checks
 * the state it put in the authorization link, and hands the code over once. Answers nothing else.
 * Each connection is served on a thread of its own with a deadline for its request (see
 * {@link ConnectionDeadlines}): a browser's idle or half-sent connection never keeps the redirect
 * from being answered.
 */
public final class SimklRedirectHelper implements AutoCloseable {
    /** Exchanges a code for a token and saves it; a failure message is shown on the error page. */
    public interface CodeHandler {
        void handle(String code) throws Exception;
    }

    /**
     * A failure the person can clear and then open the same link again (another run held the folder):
     * the page says so, and the helper keeps waiting, where any other failure ends the sign-in.
     */
    public static final class TryAgain extends Exception {
        public TryAgain(String message) {
            super(message);
        }
    }

    /** How long a connection may take to send its request once it has started to. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);
    /** How often {@link #await} looks whether the sign-in came. */
    static final Duration LOOK_EVERY = Duration.ofMillis(250);
    /** How long closing waits for a page being answered (the last one, usually "Success!") to go out. */
    private static final long LAST_PAGE_MILLIS = 5000;

    private final HttpServer server;
    private final ConnectionDeadlines connections;
    private final String state;
    private final String callbackUrl;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CodeHandler handler;
    private final UnaryOperator<String> redact;
    private final Object answering = new Object();
    private int pagesUnderWay;
    private boolean closing;

    /**
     * {@code redact} masks the secrets of this sign-in (the code, the client secret, tokens) in
     * whatever a failure page would show, a service's own words included.
     */
    public SimklRedirectHelper(String host, int port, CodeHandler handler, UnaryOperator<String> redact)
            throws IOException {
        this(host, port, handler, redact, ConnectionDeadlines.realTime(REQUEST_DEADLINE));
    }

    SimklRedirectHelper(String host, int port, CodeHandler handler, UnaryOperator<String> redact,
                        ConnectionDeadlines connections) throws IOException {
        this.handler = handler;
        this.redact = redact;
        this.connections = connections;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.state = HexFormat.of().formatHex(random);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 8);
        } catch (BindException e) {
            connections.close();
            throw new IOException("port " + port + " on " + host
                    + " is in use or not allowed. Pick another with --bind HOST:PORT"
                    + " and register the same port in your SIMKL app's Redirect URI.", e);
        } catch (IOException | RuntimeException e) {
            connections.close();
            throw e;
        }
        String publicHost = host.equals("0.0.0.0") || host.equals("::") ? lanAddress() : host;
        int actualPort = server.getAddress().getPort();
        this.callbackUrl = "http://" + (publicHost.contains(":") ? "[" + publicHost + "]" : publicHost) + ":"
                + actualPort + "/callback";
        server.createContext("/", this::serve);
        server.setExecutor(connections);
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

    /** The link the person opens to grant access (AUTH V1). */
    public String authorizeUrl(String webBase, String clientId) {
        return webBase + "/oauth/authorize?response_type=code&client_id=" + enc(clientId) + "&redirect_uri="
                + enc(callbackUrl)
                + "&state=" + state + "&app-name=plex_simkl_sync";
    }

    /**
     * The link the person opens to grant access to an AUTH V2 app: V2's authorization page, the
     * scopes the syncs need, and the PKCE challenge ({@code S256}) of the verifier the code is then
     * exchanged with.
     */
    public String authorizeUrlV2(String webBase, String clientId, Pkce pkce) {
        return webBase + "/oauth2/authorize?response_type=code&client_id=" + enc(clientId) + "&redirect_uri="
                + enc(callbackUrl) + "&scope=" + enc(SimklOAuth.SCOPE) + "&state=" + state + "&code_challenge="
                + pkce.challenge() + "&code_challenge_method=" + Pkce.METHOD + "&app-name=plex_simkl_sync";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Waits, a look every {@link #LOOK_EVERY} with {@code sleeper}, until a code was handled (true)
     * or {@code timeout} has passed (false, after a sign-in already under way has finished). A code
     * whose exchange failed ends the wait at once: that failure is thrown, since SIMKL hands out a
     * code only once.
     */
    public boolean await(Duration timeout, Sleeper sleeper) throws Exception {
        for (Duration waited = Duration.ZERO; !done.isDone() && waited.compareTo(timeout) < 0;
             waited = waited.plus(LOOK_EVERY)) {
            sleeper.sleep(LOOK_EVERY);
        }
        finishPagesUnderWay();
        if (!done.isDone()) return false;
        try {
            done.get();
            return true;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        if (!connections.claim()) {
            ex.close(); // its request came too late: the connection is being cut off
            return;
        }
        synchronized (answering) {
            if (closing) {
                ex.close();
                return;
            }
            pagesUnderWay++;
        }
        try {
            answer(ex);
        } finally {
            ex.close();
            synchronized (answering) {
                pagesUnderWay--;
                answering.notifyAll();
            }
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/callback")) {
            page(ex, 404, "Not found", "This helper only answers /callback.");
            return;
        }
        if (!ex.getRequestMethod().equals("GET")) {
            page(ex, 405, "Method not allowed", "Only GET /callback.");
            return;
        }
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (done.isCompletedExceptionally()) {
            page(ex, 410, "Sign-in ended", "This sign-in failed and has ended; run the helper again for a new link.");
            return;
        }
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
        } catch (TryAgain e) {
            page(ex, 502, "Not saved yet", e.getMessage() + " Open the sign-in link again once that is done: this "
                    + "helper is still waiting.", code);
            return;
        } catch (Exception e) {
            // the wait ends before the page goes out, and closing lets the page finish
            done.completeExceptionally(e);
            page(ex, 502, "Sign-in failed", "The code could not be exchanged for a token: " + e.getMessage()
                    + " Run the helper again for a new link.", code);
            return;
        }
        done.complete(null);
        page(ex, 200, "Success!", "plex_simkl_sync is signed in to SIMKL. You can close this tab.");
    }

    /** Takes no more requests, and gives one being answered the time to finish its page. */
    private void finishPagesUnderWay() throws InterruptedException {
        synchronized (answering) {
            closing = true;
            long until = System.nanoTime() + LAST_PAGE_MILLIS * 1_000_000;
            for (long left = LAST_PAGE_MILLIS; pagesUnderWay > 0 && left > 0;
                 left = (until - System.nanoTime()) / 1_000_000) {
                answering.wait(left);
            }
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

    private void page(HttpExchange ex, int status, String title, String text) throws IOException {
        page(ex, status, title, text, null);
    }

    /**
     * An HTML page. Its text passes the redaction, and {@code code}, when given, is masked however
     * short it is: a service's error may echo what it was sent.
     */
    private void page(HttpExchange ex, int status, String title, String text, String code) throws IOException {
        String shown = redact.apply(text);
        if (code != null && !code.isEmpty()) shown = shown.replace(code, "…");
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title></head><body><h1>"
                + esc(title) + "</h1><p>" + esc(shown) + "</p></body></html>";
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
        try {
            finishPagesUnderWay();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop(0);
            connections.close();
        }
    }
}
