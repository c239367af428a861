package io.thingbus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.registry.PrincipalStore;
import io.thingbus.registry.Role;
import io.thingbus.registry.ServicePrincipal;
import io.thingbus.storage.AtomicFiles;
import io.thingbus.registry.TokenHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Service principals in {@code {data-dir}/principals.json} (mode 600), format version 1:
 * <pre>{"format": 1, "principals": [{"name": "admin", "role": "admin", "tokenSha256": "64 hex", "created": "ISO-8601"}]}</pre>
 * Read once when opened and held on the heap; each write replaces the file atomically (temporary
 * file, then rename), so a crash leaves the old or the new file, never half of one. A file in
 * another format refuses to open. Principals are few and rarely written, so a file an operator can
 * read beats a column family; the {@link PrincipalStore} SPI lets them move into the store later.
 */
public final class JsonPrincipalStore implements PrincipalStore {

    public static final String FILE_NAME = "principals.json";
    static final int FORMAT = 1;

    private final Path file;
    private final ConcurrentSkipListMap<String, ServicePrincipal> principals;

    private JsonPrincipalStore(Path file, ConcurrentSkipListMap<String, ServicePrincipal> principals) {
        this.file = file;
        this.principals = principals;
    }

    /** Opens (or, when missing, starts) the file; fails on a file it cannot read entirely. */
    public static JsonPrincipalStore open(Path file) {
        ConcurrentSkipListMap<String, ServicePrincipal> principals = new ConcurrentSkipListMap<>();
        if (Files.exists(file)) {
            try {
                read(Json.mapper().readTree(file.toFile()), principals);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        return new JsonPrincipalStore(file, principals);
    }

    @Override
    public Optional<ServicePrincipal> find(String name) {
        return Optional.ofNullable(principals.get(name));
    }

    @Override
    public List<ServicePrincipal> all() {
        return List.copyOf(principals.values());
    }

    @Override
    public synchronized void put(ServicePrincipal principal) {
        // the file first: a principal is valid for authentication only once it is stored
        TreeMap<String, ServicePrincipal> next = new TreeMap<>(principals);
        next.put(principal.name(), principal);
        write(next.values());
        principals.put(principal.name(), principal);
    }

    @Override
    public synchronized boolean remove(String name) {
        if (!principals.containsKey(name)) {
            return false;
        }
        TreeMap<String, ServicePrincipal> next = new TreeMap<>(principals);
        next.remove(name);
        write(next.values());
        principals.remove(name);
        return true;
    }

    private static void read(JsonNode root, ConcurrentSkipListMap<String, ServicePrincipal> into) {
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalStateException("format " + root.path("format") + " is not " + FORMAT
                    + ", the one this hub reads");
        }
        for (JsonNode entry : root.path("principals")) {
            try {
                ServicePrincipal principal = new ServicePrincipal(
                        entry.path("name").asText(),
                        Role.fromWireName(entry.path("role").asText()),
                        TokenHash.fromHex(entry.path("tokenSha256").asText()),
                        Instant.parse(entry.path("created").asText()));
                into.put(principal.name(), principal);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalStateException("bad principal entry " + entry.path("name") + ": " + e.getMessage(), e);
            }
        }
    }

    private void write(Collection<ServicePrincipal> contents) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", FORMAT);
        ArrayNode entries = root.putArray("principals");
        for (ServicePrincipal principal : contents) {
            entries.addObject()
                    .put("name", principal.name())
                    .put("role", principal.role().wireName())
                    .put("tokenSha256", principal.tokenHash().hex())
                    .put("created", principal.created().toString());
        }
        try {
            AtomicFiles.writeOwnerOnly(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
    }
}
