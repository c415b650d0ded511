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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.*;

/** The one HTTP policy, against a loopback server that answers from a script; no real waiting (recording sleeper). */
class ServiceHttpTest {
    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body, boolean cutOff) {
        Answer(int status, Map<String, String> headers, String body) {
            this(status, headers, body, false);
        }
    }

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    HttpServer server;
    HttpPolicy policy;
    ServiceHttp http;
    /** A client that sends credentials, whose acceptance the run remembers. */
    ServiceHttp signedIn;
    ServiceHttp plex;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            Answer a = script.poll();
            if (a == null) a = new Answer(200, Map.of(), "{\"ok\":true}");
            a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), b.length == 0 ? -1 : b.length);
            if (a.cutOff()) {
                // half the body, then the connection closes
                ex.getResponseBody().write(b, 0, b.length / 2);
                ex.getResponseBody().flush();
                ex.close();
                return;
            }
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        policy = new HttpPolicy(Duration.ofSeconds(2), Duration.ofSeconds(2), 4, Duration.ofMillis(500),
                Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC), slept::add, new Redactor(), s -> { }, "plex_simkl_sync/test",
                java.util.concurrent.ConcurrentHashMap.newKeySet());
        http = new ServiceHttp(Service.SIMKL, "http://127.0.0.1:" + server.getAddress().getPort(), policy, Map.of(),
                Map.of(), null);
        signedIn = new ServiceHttp(Service.SIMKL, "http://127.0.0.1:" + server.getAddress().getPort(), policy,
                Map.of("Authorization", "Bearer simkl-token-0123456789", "simkl-api-key", "client-id"),
                        Map.of("client_id", "client-id"), null);
        plex = new ServiceHttp(Service.PLEX, "http://127.0.0.1:" + server.getAddress().getPort(), policy,
                Map.of("X-Plex-Token", "plex-token-0123456789"), Map.of(), null);
    }

    @AfterEach
    void stop() {
        http.close();
        signedIn.close();
        plex.close();
        server.stop(0);
    }

    private void answer(int status, String... headerPairs) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) h.put(headerPairs[i], headerPairs[i + 1]);
        script.add(new Answer(status, h, "{\"error\":\"x\"}"));
    }

    /** What a person reads when there is no answer at all: the host and what happened, in words, once. */
    @Test
    void noAnswerIsSaidInWordsNamingTheHost() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        try (ServiceHttp refused = new ServiceHttp(Service.SIMKL, "http://127.0.0.1:" + closed, policy, Map.of(),
                Map.of(), null);
             ServiceHttp nowhere = new ServiceHttp(Service.PLEX_TV, "http://plex.invalid", policy, Map.of(), Map.of(),
                     null)) {
            ServiceException e = assertThrows(ServiceException.class,
                    () -> refused.send(Request.get("/sync/activities"), false));
            assertEquals("Could not reach SIMKL (127.0.0.1: connection refused) for GET /sync/activities, 4 tries. "
                    + "Check your network or try again later.", e.getMessage());
            ServiceException dns = assertThrows(ServiceException.class,
                    () -> nowhere.send(Request.get("/api/v2/user"), false));
            assertEquals("Could not reach plex.tv (plex.invalid: no such host) for GET /api/v2/user, 4 tries. "
                    + "Check your network or try again later.", dns.getMessage());
            assertFalse(dns.getMessage().contains("Exception"), dns.getMessage());
        }
    }

    /** A sync builds its clients while it reads its files; one closed first is never built again behind it. */
    @Test
    void aClientPreparedAheadIsTheOneRequestsUseAndOneClosedIsNotBuiltAgain() throws Exception {
        assertFalse(http.built(), "built as the first request goes out, or when prepared");
        http.prepare();
        assertTrue(http.built());
        assertEquals(200, http.send(Request.get("/sync/activities"), false).status());
        http.close();
        assertFalse(http.built());
        http.prepare(); // a preparing thread that comes late
        assertFalse(http.built(), "a closed client is not built again: its threads would outlive it");
    }

    @Test
    void a429WaitsTheRetryAfterSecondsThenSucceeds() throws Exception {
        answer(429, "Retry-After", "7");
        assertEquals(200, http.send(Request.get("/sync/activities"), false).status());
        assertEquals(List.of(Duration.ofSeconds(7)), slept);
        assertEquals(2, seen.size());
    }

    @Test
    void a429WithAnHttpDateWaitsUntilThatTime() throws Exception {
        answer(429, "Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30)
                .atZone(ZoneOffset.UTC)));
        assertEquals(200, http.send(Request.get("/sync/activities"), false).status());
        assertEquals(List.of(Duration.ofSeconds(30)), slept);
    }

    @Test
    void aRetryAfterPastTheCapWaitsOnlyTheCap() throws Exception {
        answer(429, "Retry-After", "86400");
        http.send(Request.get("/x"), false);
        assertEquals(List.of(Duration.ofSeconds(60)), slept);
    }

    @Test
    void aPostThatFailedWithA5xxIsNotSentAgain() {
        answer(500);
        ServiceException e = assertThrows(ServiceException.class,
                () -> http.send(Request.post("/sync/history/remove", Map.of("movies", List.of()), false), false));
        assertEquals(500, e.status());
        assertEquals(List.of("POST /sync/history/remove"), seen, "a write that may have happened is not repeated");
        assertTrue(slept.isEmpty());
    }

    @Test
    void aGetThatKeepsFailingIsTriedFourTimesWithGrowingWaits() {
        for (int i = 0; i < 4; i++) answer(503);
        ServiceException e = assertThrows(ServiceException.class, () -> http.send(Request.get("/x"), false));
        assertEquals(503, e.status());
        assertEquals(4, seen.size());
        assertEquals(3, slept.size());
        assertTrue(e.getMessage().contains("Gave up after 4 tries"), e.getMessage());
        // full jitter: each wait between half and all of 500 ms, 1 s, 2 s
        for (int i = 0; i < 3; i++) {
            long cap = 500L << i;
            assertTrue(slept.get(i).toMillis() >= cap / 2 && slept.get(i).toMillis() <= cap, slept.toString());
        }
    }

    @Test
    void refusedCredentialsStopAtOnce() {
        answer(401);
        assertThrows(AuthException.class, () -> http.send(Request.get("/sync/activities"), false));
        assertEquals(1, seen.size());
    }

    @Test
    void a404IsAnErrorUnlessTheCallerAllowsIt() throws Exception {
        answer(404);
        assertEquals(404, http.send(Request.get("/library/metadata/x"), true).status());
        answer(404);
        assertEquals(404, assertThrows(ServiceException.class, () -> http.send(Request.get("/y"), false)).status());
    }

    private void answerBody(int status, String body) {
        script.add(new Answer(status, Map.of(), body));
    }

    @Test
    void aPostOverTheLimitIsNotSentAgainUnaskedBecauseThatExtendsTheBlock() {
        answer(429);
        ServiceException e = assertThrows(ServiceException.class,
                () -> http.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), true), false));
        assertEquals(429, e.status());
        assertEquals(List.of("POST /sync/add-to-list"), seen, "not re-sent, even though it is idempotent");
        assertTrue(slept.isEmpty());
        assertTrue(e.getMessage().contains("; the write was not sent again. The next run retries it. SIMKL blocks an "
                + "app's POSTs for a while when they come faster than one a second, and each POST sent during the "
                + "block makes it longer: wait at least a minute before running it again."), e.getMessage());
    }

    /** SIMKL's settings route only reads: refused for pace, it is a request not sent again, and nothing changed. */
    @Test
    void aPostThatOnlyReadsRefusedForPaceIsCalledARequestAndSaysWhenToTryAgain() {
        answerBody(429, "{\"error\":\"rate_limit\",\"code\":429}");
        ServiceException e = assertThrows(ServiceException.class,
                () -> signedIn.send(Request.postRead("/users/settings", Map.of()), false));
        assertEquals(List.of("POST /users/settings"), seen, "not sent again: every POST extends the block");
        assertFalse(e.getMessage().contains("write"), e.getMessage());
        assertTrue(e.getMessage().contains("; the request was not sent again. SIMKL blocks"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("wait at least a minute before running it again."), e.getMessage());
    }

    @Test
    void simkls412TellsASpentQuotaFromAWrongClientId() {
        answerBody(412, "{\"error\":\"client_id_failed\",\"code\":412,\"message\":\"Your client_id is wrong. Try "
                + "another one\"}");
        AuthException wrongId = assertThrows(AuthException.class,
                () -> http.send(Request.get("/sync/activities"), false));
        assertEquals(412, wrongId.status());
        answerBody(412, "{\"error\":\"limit_exceeded\",\"code\":412}");
        ServiceException quota = assertThrows(ServiceException.class,
                () -> http.send(Request.get("/sync/activities"), false));
        assertTrue(quota.getMessage().contains("request limit is used up"), quota.getMessage());
        assertEquals(2, seen.size(), "a spent quota is not asked again");
        assertTrue(slept.isEmpty());
    }

    @Test
    void a403IsARefusalNotARetry() {
        answerBody(403, "{\"error\":\"forbidden\",\"code\":403}");
        AuthException e = assertThrows(AuthException.class, () -> http.send(Request.get("/sync/activities"), false));
        assertEquals(403, e.status());
        assertEquals(1, seen.size());
    }

    @Test
    void a412Or403AfterTheSameCredentialsWereAcceptedInThisRunIsALimitNotABadCredential() throws Exception {
        answerBody(412, "{\"error\":\"client_id_failed\",\"code\":412,\"message\":\"Total Requests Limit Exceeded\"}");
        assertThrows(AuthException.class, () -> signedIn.send(Request.get("/sync/activities"), false),
                "refused before any acceptance: the id may be wrong");
        assertEquals(200, signedIn.send(Request.get("/sync/activities"), false).status());
        answerBody(412, "{\"error\":\"client_id_failed\",\"code\":412,\"message\":\"Total Requests Limit Exceeded\"}");
        LimitException limit = assertThrows(LimitException.class,
                () -> signedIn.send(Request.get("/sync/all-items/movies"), false));
        assertTrue(limit.getMessage().contains("over its request limits") && !limit.getMessage().contains("--init"),
                limit.getMessage());
        int asked = seen.size();
        assertThrows(LimitException.class, () -> signedIn.send(Request.get("/sync/all-items/shows"), false));
        assertEquals(asked, seen.size(), "a service over its limits is asked nothing more in the run");
        try (ServiceHttp again = new ServiceHttp(Service.SIMKL, "http://127.0.0.1:" + server.getAddress().getPort(),
                policy,
                Map.of("Authorization", "Bearer simkl-token-0123456789", "simkl-api-key", "client-id"),
                        Map.of("client_id", "client-id"), null)) {
            answerBody(403, "{\"error\":\"forbidden\",\"code\":403,\"message\":\"Requests are being denied due to "
                    + "API limits\"}");
            assertThrows(LimitException.class, () -> again.send(Request.get("/sync/all-items/shows"), false),
                    "the run (a --watch round after another) remembers what was accepted");
        }
        try (ServiceHttp again = new ServiceHttp(Service.SIMKL, "http://127.0.0.1:" + server.getAddress().getPort(),
                policy,
                Map.of("Authorization", "Bearer simkl-token-0123456789", "simkl-api-key", "client-id"),
                        Map.of("client_id", "client-id"), null)) {
            answer(401);
            assertThrows(AuthException.class, () -> again.send(Request.get("/sync/all-items/anime"), false),
                    "a 401 is a refused token whatever came before");
        }
        assertTrue(slept.isEmpty(), "none of them is asked again");
    }

    @Test
    void aDailyQuota429IsNotRetried() {
        answerBody(429, "{\"error\":\"user_limit_exceeded\",\"code\":429}");
        LimitException e = assertThrows(LimitException.class,
                () -> signedIn.send(Request.get("/sync/activities"), false));
        assertEquals(429, e.status());
        assertEquals(1, seen.size());
        assertTrue(slept.isEmpty());
    }

    @Test
    void aWriteAskedToWaitIsSentOnceMoreAfterTheWaitOnBothServices() throws Exception {
        answer(429, "Retry-After", "5");
        assertEquals(200, signedIn.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), true),
                false).status());
        assertEquals(List.of(Duration.ofSeconds(5)), slept);
        answer(429, "Retry-After", "3");
        assertEquals(200, plex.send(Request.put("/actions/addToWatchlist").query("ratingKey", "x"), false).status());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(3)), slept);
        assertEquals(4, seen.size());
    }

    @Test
    void aWriteAskedToWaitTwiceOrTooLongIsLeftToTheNextRun() {
        answer(429, "Retry-After", "5");
        answer(429, "Retry-After", "5");
        ServiceException twice = assertThrows(ServiceException.class,
                () -> signedIn.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), true), false));
        assertEquals(2, seen.size(), "sent once more, not twice more");
        assertTrue(twice.getMessage().contains("next run"), twice.getMessage());
        assertTrue(twice.getMessage().contains("(POST /sync/add-to-list: HTTP 429 ({\"error\":\"x\"})) again after "
                + "the wait it asked for, and asked to wait 5 s once more; it was not sent a third time. The next run "
                + "retries it. Run it again in 5 s, at 12:00:05 or later."), twice.getMessage());
        answer(429, "Retry-After", "600");
        ServiceException tooLong = assertThrows(ServiceException.class,
                () -> signedIn.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), true), false));
        assertTrue(tooLong.getMessage().contains("asked to wait 10 min, longer than this run waits"),
                tooLong.getMessage());
        assertEquals(3, seen.size());
        assertEquals(List.of(Duration.ofSeconds(5)), slept);
    }

    @Test
    void aPlexWriteAnswered429WithoutRetryAfterIsRetriedWithABackOff() throws Exception {
        answer(429);
        assertEquals(200, plex.send(Request.put("/actions/removeFromWatchlist").query("ratingKey", "x"),
                false).status());
        assertEquals(1, slept.size());
    }

    @Test
    void aReadCutShortIsRetriedLikeA5xx() throws Exception {
        script.add(new Answer(200, Map.of(), "{\"movies\":[{\"movie\":{\"title\":\"Arrival\"}}]}", true));
        assertEquals(200, signedIn.send(Request.get("/sync/all-items/movies"), false).status());
        assertEquals(2, seen.size(), "asked again");
        assertEquals(1, slept.size());
    }

    @Test
    void aSignedInSimklReadRefusedWithoutAShortWaitIsNotAskedAgainInTheRun() {
        answerBody(429, "{\"error\":\"rate_limit\",\"code\":429}");
        LimitException polled = assertThrows(LimitException.class,
                () -> signedIn.send(Request.get("/sync/all-items/movies"), false));
        assertEquals(List.of("GET /sync/all-items/movies"), seen, "not asked again");
        assertTrue(slept.isEmpty());
        assertFalse(polled.dailyQuota());
        assertTrue(polled.getMessage().contains("without saying when to ask again")
                && polled.getMessage().contains("next run"), polled.getMessage());
        assertThrows(LimitException.class, () -> signedIn.send(Request.get("/sync/activities"), false));
        assertEquals(1, seen.size(), "nothing more is asked of SIMKL in the run");
    }

    @Test
    void aSignedInSimklReadAskedToWaitLongerThanTheRunWaitsIsNotAskedAgain() {
        answer(429, "Retry-After", "3600");
        LimitException e = assertThrows(LimitException.class,
                () -> signedIn.send(Request.get("/sync/activities"), false));
        assertEquals(1, seen.size());
        assertTrue(slept.isEmpty(), "no early retry after the longest wait: " + slept);
        assertEquals(Duration.ofHours(1), e.retryAfter());
    }

    @Test
    void aDailyQuotaAnswerCarriesTheWaitItAskedFor() {
        script.add(new Answer(429, Map.of("Retry-After", "61200"), "{\"error\":\"user_limit_exceeded\",\"code\":429}"));
        LimitException e = assertThrows(LimitException.class,
                () -> signedIn.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), true), false));
        assertTrue(e.dailyQuota());
        assertEquals(Duration.ofHours(17), e.retryAfter());
        LimitException again = assertThrows(LimitException.class,
                () -> signedIn.send(Request.get("/sync/activities"), false));
        assertTrue(again.dailyQuota() && Duration.ofHours(17).equals(again.retryAfter()),
                "the run's later requests meet the same answer, unsent");
        assertEquals(1, seen.size());
    }

    @Test
    void aMissingScopeIsARefusedSignInEvenAfterTheCredentialsWereAccepted() throws Exception {
        assertEquals(200, signedIn.send(Request.get("/sync/activities"), false).status());
        answerBody(403, "{\"error\":\"insufficient_scope\",\"code\":403}");
        AuthException e = assertThrows(AuthException.class,
                () -> signedIn.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), true), false));
        assertTrue(e.missingScope());
        assertEquals(403, e.status());
    }

    /**
     * A SIMKL write whose answer was cut short may have been carried out: SIMKL blocks apps that repeat
     * writes, so it is not sent again blindly, and the error says its fate is unknown.
     */
    @Test
    void aSimklWriteWithNoWholeAnswerIsNotSentAgainAndSaysItMayHaveLanded() {
        script.add(new Answer(200, Map.of(), "{\"added\":{\"movies\":[{\"ids\":{\"imdb\":\"tt1\"}}]}}", true));
        ServiceException e = assertThrows(ServiceException.class, () -> signedIn.send(Request.post(
                "/sync/add-to-list", Map.of("movies", List.of()), true), false));
        assertEquals(List.of("POST /sync/add-to-list"), seen, "sent once: it may have landed");
        assertTrue(slept.isEmpty());
        assertTrue(e.mayHaveLanded());
        assertTrue(e.getMessage().contains("may or may not have been carried out")
                && e.getMessage().contains("not sent again") && e.getMessage().contains("next run"), e.getMessage());
    }

    @Test
    void aSimklWriteAnsweredWithAServerErrorIsNotSentAgain() {
        answer(502);
        ServiceException e = assertThrows(ServiceException.class, () -> signedIn.send(Request.post(
                "/sync/history/remove", Map.of("movies", List.of()), true), false));
        assertEquals(1, seen.size(), "a 502 reached SIMKL, which may have done the write: " + seen);
        assertTrue(e.mayHaveLanded(), e.getMessage());
        assertEquals(502, e.status());
    }

    /** A write that never reached the service (nothing listens) is certainly not done: tried again, as before. */
    @Test
    void aSimklWriteThatNeverReachedTheServiceIsTriedAgainAndIsNotUnknown() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (ServiceHttp refused = new ServiceHttp(Service.SIMKL, "http://127.0.0.1:" + closed, policy, Map.of(),
                Map.of(), null)) {
            ServiceException e = assertThrows(ServiceException.class, () -> refused.send(Request.post(
                    "/sync/add-to-list", Map.of("movies", List.of()), true), false));
            assertEquals(3, slept.size(), "four tries: " + e.getMessage());
            assertFalse(e.mayHaveLanded(), e.getMessage());
        }
    }

    /** SIMKL's settings route is a POST that only reads: an answer cut short is asked again, like any read. */
    @Test
    void aPostThatOnlyReadsIsAskedAgainAfterAnAnswerCutShort() throws Exception {
        script.add(new Answer(200, Map.of(), "{\"account\":{\"id\":42}}", true));
        assertEquals(200, signedIn.send(Request.postRead("/users/settings", Map.of()), false).status());
        assertEquals(2, seen.size());
    }

    /** Plex's writes are harmless to repeat and are tried again; one that never got an answer is still unknown. */
    @Test
    void aPlexWriteWithNoAnswerIsTriedAgainAndEndsOfUnknownFate() {
        for (int i = 0; i < 4; i++) script.add(new Answer(200, Map.of(), "{\"MediaContainer\":{}}", true));
        ServiceException e = assertThrows(ServiceException.class,
                () -> plex.send(Request.put("/actions/addToWatchlist").query("ratingKey", "x"), false));
        assertEquals(4, seen.size());
        assertTrue(e.mayHaveLanded());
        assertTrue(e.getMessage().contains("Plex may have carried it out"), e.getMessage());
    }

    /** Once the run is asked to stop, no write starts, and a read is not tried again. */
    @Test
    void afterAStopNoWriteStartsAndNothingIsTriedAgain() throws Exception {
        signedIn.stop(Duration.ofSeconds(25));
        ServiceException write = assertThrows(ServiceException.class, () -> signedIn.send(Request.post(
                "/sync/add-to-list", Map.of("movies", List.of()), true), false));
        assertTrue(write.getMessage().contains("was not sent to SIMKL: the run was asked to stop"),
                write.getMessage());
        assertFalse(write.mayHaveLanded());
        assertEquals(List.of(), seen);
        answer(503);
        ServiceException read = assertThrows(ServiceException.class,
                () -> signedIn.send(Request.get("/sync/activities"), false));
        assertEquals(1, seen.size(), "a read under way goes out, but is not tried again: " + read.getMessage());
        assertTrue(slept.isEmpty(), slept.toString());
    }

    /**
     * A write waiting to be sent again (asked to wait by a 429) when the run is asked to stop: the wait
     * ends at once and the write is not sent again. The sleeper never returns by itself.
     */
    @Test
    void aStopEndsTheWaitOfAWriteToBeSentAgain() throws Exception {
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        HttpPolicy forever = new HttpPolicy(policy.connectTimeout(), policy.readTimeout(), 4, policy.baseBackoff(),
                policy.maxBackoff(), policy.clock(), d -> {
                    waiting.countDown();
                    new java.util.concurrent.CountDownLatch(1).await(); // only an interrupt ends this
                }, new Redactor(), s -> { }, "plex_simkl_sync/test",
                java.util.concurrent.ConcurrentHashMap.newKeySet());
        try (ServiceHttp simkl = new ServiceHttp(Service.SIMKL, "http://127.0.0.1:" + server.getAddress().getPort(),
                forever, Map.of("Authorization", "Bearer simkl-token-0123456789"), Map.of(), null)) {
            answer(429, "Retry-After", "5");
            java.util.concurrent.CompletableFuture<Object> sent = new java.util.concurrent.CompletableFuture<>();
            java.util.concurrent.atomic.AtomicBoolean leftInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = new Thread(() -> {
                Object result;
                try {
                    result = simkl.send(Request.post("/sync/add-to-list", Map.of("movies", List.of()), true), false);
                } catch (Exception e) {
                    result = e;
                }
                // the journal is written next on this thread: a stop's interrupt must not be left behind
                leftInterrupted.set(Thread.currentThread().isInterrupted());
                sent.complete(result);
            });
            writer.start();
            assertTrue(waiting.await(30, java.util.concurrent.TimeUnit.SECONDS), "the retry waits");
            simkl.stop(Duration.ofSeconds(25));
            Object result = sent.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(leftInterrupted.get());
            ServiceException e = assertInstanceOf(ServiceException.class, result, String.valueOf(result));
            assertTrue(e.getMessage().contains("was not sent again to SIMKL: the run was asked to stop"),
                    e.getMessage());
            assertFalse(e.mayHaveLanded(), "a 429 is a write refused, not done");
            assertEquals(List.of("POST /sync/add-to-list"), seen, "not sent again");
        }
    }
}
