package io.thingbus.sim.bench.device;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.thingbus.registry.auth.SasToken;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's provisioning endpoint as far as the registrar sees it, on 127.0.0.1 port 0: a group
 * enrollment with one key; 200 for a member's first registration, 409 after, 401 for a token that
 * does not name the registration or is not signed with the member's derived key.
 */
final class StubProvisioningHub implements AutoCloseable {

    private static final Pattern REGISTER = Pattern.compile("/api/v1/provisioning/([^/]+)/register");

    private final GroupKey groupKey;
    private final String scope;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(16);
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    StubProvisioningHub(GroupKey groupKey, String scope) throws IOException {
        this.groupKey = groupKey;
        this.scope = scope;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/provisioning/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Marks ids as registered before the run. */
    void registeredBefore(Set<String> ids) {
        registered.addAll(ids);
    }

    Set<String> registered() {
        return Set.copyOf(registered);
    }

    int requests() {
        return requests.get();
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status(exchange), -1);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private int status(HttpExchange exchange) {
        Matcher path = REGISTER.matcher(exchange.getRequestURI().getPath());
        if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
            return 404;
        }
        String id = path.group(1);
        SasToken token;
        try {
            token = SasToken.parse(exchange.getRequestHeaders().getFirst("Authorization"));
        } catch (IllegalArgumentException malformed) {
            return 401;
        }
        if (!token.resource().equals(scope + "/registrations/" + id) || !token.isSignedWith(groupKey.deviceKey(id))) {
            return 401;
        }
        return registered.add(id) ? 200 : 409;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
