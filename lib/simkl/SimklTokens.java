package simkl;

import http.AuthException;
import http.Credentials;
import http.Redactor;
import http.ServiceException;
import simkl.SimklOAuth.Tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The SIMKL token of a run, renewed when it must be: a day before it runs out (so a run never
 * starts on a token about to die), and once after SIMKL refuses it. Each renewal is saved at once
 * through {@link Store} (config.json, written whole or not at all) and its tokens registered for
 * redaction before anything could print them. Tokens that cannot be renewed (V1, or given in
 * the environment) are sent as they are.
 */
public final class SimklTokens implements Credentials, AutoCloseable {
    /** How long before its end a token is renewed. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(1);

    /** Where renewed tokens go. */
    public interface Store {
        void save(Tokens t) throws Exception;
    }

    private final SimklOAuth oauth;
    private final Store store;
    private final Clock clock;
    private final Redactor redactor;
    private final Consumer<String> warn;
    private Tokens current;

    public SimklTokens(Tokens tokens, SimklOAuth oauth, Store store, Clock clock, Redactor redactor,
                       Consumer<String> warn) {
        this.current = tokens;
        this.oauth = oauth;
        this.store = store;
        this.clock = clock;
        this.redactor = redactor;
        this.warn = warn;
    }

    /** Whether the token is renewed before this run uses it: it runs out within {@link #RENEW_BEFORE}. */
    static boolean due(Tokens t, Clock clock) {
        return t.renewable() && t.expiresAt() > 0
                && clock.instant().plus(RENEW_BEFORE).getEpochSecond() >= t.expiresAt();
    }

    @Override
    public synchronized Map<String, String> headers() throws ServiceException, AuthException {
        if (due(current, clock)) renew();
        return bearer(current);
    }

    @Override
    public synchronized Map<String, String> renewAfterRefusal(Map<String, String> refused)
            throws ServiceException, AuthException {
        if (!bearer(current).equals(refused)) return bearer(current); // renewed meanwhile by another request
        if (!current.renewable()) return null;
        renew();
        return bearer(current);
    }

    /** The tokens as they stand now. */
    public synchronized Tokens current() {
        return current;
    }

    private void renew() throws ServiceException, AuthException {
        Tokens t = oauth.refresh(current.refresh());
        redactor.add(t.access());
        redactor.add(t.refresh());
        boolean sameRefresh = t.refresh().equals(current.refresh());
        current = t;
        try {
            store.save(t);
        } catch (Exception e) {
            // the new token works for this run; with the refresh token unchanged, the next run renews again
            warn.accept("The SIMKL token was renewed but could not be saved (" + e.getMessage() + "); "
                    + (sameRefresh ? "the next run renews it again."
                            : "if the next run is refused, run --init-simkl pin."));
        }
    }

    private static Map<String, String> bearer(Tokens t) {
        return Map.of("Authorization", "Bearer " + t.access());
    }

    @Override
    public void close() {
        oauth.close();
    }
}
