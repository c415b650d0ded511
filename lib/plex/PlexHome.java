package plex;

import config.Config;
import http.AuthException;
import http.HttpPolicy;
import http.Request;
import http.Response;
import http.Service;
import http.ServiceException;
import http.ServiceHttp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Plex Home on plex.tv, as the account owner sees it (docs/services.md, "Plex Home"): its users
 * (GET /api/home/users) and the switch to one of them (POST /api/home/users/{id}/switch, with the
 * user's PIN when it has one), which answers the token that reads and writes that user's
 * watchlist. Both answer XML, as python-plexapi reads them. plex.tv limits how often an account
 * switches, so the caller keeps the token and switches only when Plex refuses it.
 */
public final class PlexHome implements AutoCloseable {
    /** One user of the Home: its id, name, login (blank for a managed user), and whether it has a PIN. */
    public record User(String id, String uuid, String title, String username, boolean admin, boolean managed,
                       boolean protectedByPin) {
        /** "Alice (managed, PIN)" for lists a person picks from. */
        public String describe() {
            List<String> marks = new ArrayList<>();
            if (admin) marks.add("owner");
            if (managed) marks.add("managed");
            if (protectedByPin) marks.add("PIN");
            return title + (marks.isEmpty() ? "" : " (" + String.join(", ", marks) + ")");
        }
    }

    private final ServiceHttp tv;

    /** {@code owner}: the account owner's token and this tool's client identifier. */
    public PlexHome(Config.Plex owner, Config.Endpoints endpoints, HttpPolicy policy, String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Plex-Token", owner.accountToken());
        if (owner.clientIdentifier() != null && !owner.clientIdentifier().isBlank()) {
            headers.put("X-Plex-Client-Identifier", owner.clientIdentifier());
        }
        headers.put("X-Plex-Product", PlexClient.PRODUCT);
        headers.put("X-Plex-Version", version);
        this.tv = new ServiceHttp(Service.PLEX_HOME, endpoints.plexTv(), policy, headers, Map.of(), null);
    }

    /** The users of the owner's Home, the owner among them (an account without a Home: only the owner). */
    public List<User> users() throws ServiceException, AuthException {
        Response r = tv.send(Request.get("/api/home/users"), false);
        Element root = xml(r.body(), "the Plex Home users").getDocumentElement();
        List<User> out = new ArrayList<>();
        NodeList users = root.getElementsByTagName("User");
        for (int i = 0; i < users.getLength(); i++) {
            Element u = (Element) users.item(i);
            if (u.getAttribute("id").isBlank()) continue;
            out.add(new User(u.getAttribute("id"), u.getAttribute("uuid"), u.getAttribute("title"),
                    u.getAttribute("username"), flag(u, "admin"), flag(u, "restricted"), flag(u, "protected")));
        }
        return out;
    }

    /**
     * Switches to a Home user and answers the token that stands for it. A refusal (a wrong or
     * missing PIN, a user no longer in the Home, the owner's token refused) is a refusal of the
     * credentials: the caller stops, and never reads the owner's list instead.
     */
    public String switchTo(String userId, String pin) throws ServiceException, AuthException {
        Request r = Request.post("/api/home/users/" + userId + "/switch", null, false);
        if (pin != null && !pin.isBlank()) r = r.query("pin", pin.trim());
        Response answer;
        try {
            answer = tv.send(r, Set.of(404));
        } catch (AuthException e) {
            throw new AuthException(Service.PLEX_HOME, "plex.tv refused the switch to the Plex Home user (HTTP "
                    + e.status() + "): a wrong or missing PIN, or the owner's sign-in is no longer valid.",
                    e.status());
        } catch (ServiceException e) {
            if (e.status() != 429) throw e;
            // plex.tv limits switches per account: asking again soon only prolongs it
            throw new ServiceException(Service.PLEX_HOME, "plex.tv refused the switch to the Plex Home user for now: "
                    + "too many switches (HTTP 429). Nothing was read or changed; wait an hour before the next run.",
                    429);
        }
        if (answer.status() == 404) {
            throw new AuthException(Service.PLEX_HOME, "plex.tv has no such Plex Home user any more (HTTP 404).",
                    404);
        }
        Element root = xml(answer.body(), "the switch to a Plex Home user").getDocumentElement();
        String token = root.getAttribute("authenticationToken");
        if (token.isBlank()) token = root.getAttribute("authToken");
        if (token.isBlank()) {
            throw new ServiceException(Service.PLEX_HOME, "plex.tv answered the switch to a Plex Home user without "
                    + "a token; nothing was read or changed.", answer.status());
        }
        return token;
    }

    private static boolean flag(Element e, String name) {
        String v = e.getAttribute(name).trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true");
    }

    /** Parses an answer as XML, refusing DOCTYPEs and external entities (an answer is data, never instructions). */
    static Document xml(String body, String what) throws ServiceException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(body == null ? "" : body)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ServiceException(Service.PLEX_HOME, "plex.tv answered " + what + " with something that is not "
                    + "the XML it sends; nothing was read or changed.", 200);
        }
    }

    @Override
    public void close() {
        tv.close();
    }
}
