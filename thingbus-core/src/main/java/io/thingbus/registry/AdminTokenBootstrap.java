package io.thingbus.registry;

import io.thingbus.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the hub has an admin at start-up. A configured token (THINGBUS_ADMIN_TOKEN) becomes the
 * {@code admin} principal's token. Otherwise, when no admin exists (first start), the hub creates
 * one: the token goes to {@code {data-dir}/admin.token} (mode 600) and to the console, once, and is
 * never logged; only its hash is stored.
 */
public final class AdminTokenBootstrap {

    /** The file under the data directory that holds the first-start admin token. */
    public static final String TOKEN_FILE = "admin.token";

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);
    private static final String RULE = "=".repeat(78);

    /** What happened at start-up. */
    public enum Outcome {
        /** The configured token is the admin's. */
        CONFIGURED,
        /** First start: a new admin token was written and shown. */
        CREATED,
        /** An admin existed and nothing was configured: nothing changed. */
        EXISTING
    }

    private final ServicePrincipals principals;
    private final Path tokenFile;
    private final Consumer<String> console;

    /**
     * @param console where the first-start token is shown (standard output), one line at a time
     */
    public AdminTokenBootstrap(ServicePrincipals principals, Path dataDir, Consumer<String> console) {
        this.principals = principals;
        this.tokenFile = dataDir.resolve(TOKEN_FILE);
        this.console = console;
    }

    /** @param configuredToken the token THINGBUS_ADMIN_TOKEN sets, or null */
    public Outcome run(String configuredToken) {
        if (configuredToken != null) {
            principals.put(ServicePrincipals.ADMIN, Role.ADMIN, configuredToken);
            removeStaleTokenFile(configuredToken);
            log.info("Admin token set by THINGBUS_ADMIN_TOKEN (principal '{}')", ServicePrincipals.ADMIN);
            return Outcome.CONFIGURED;
        }
        if (principals.hasAdmin()) {
            return Outcome.EXISTING;
        }
        String token = principals.generateToken();
        writeTokenFile(token);
        principals.put(ServicePrincipals.ADMIN, Role.ADMIN, token);
        show(token);
        log.info("First start: created principal '{}' with role admin; its token is in {} (mode 600) and was "
                + "printed once to standard output", ServicePrincipals.ADMIN, tokenFile.toAbsolutePath());
        return Outcome.CREATED;
    }

    private void show(String token) {
        console.accept(RULE);
        console.accept(" Thingbus admin token, shown this once (also in " + tokenFile.toAbsolutePath() + ", mode 600):");
        console.accept("");
        console.accept("     " + token);
        console.accept("");
        console.accept(" Call the API with the header  Authorization: Bearer <token>");
        console.accept(RULE);
    }

    /** Writes the token owner-only, all at once (see {@link AtomicFiles}). */
    private void writeTokenFile(String token) {
        try {
            if (!AtomicFiles.writeOwnerOnly(tokenFile, (token + "\n").getBytes(StandardCharsets.UTF_8))) {
                log.warn("This file system has no POSIX permissions: restrict access to {} yourself", tokenFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tokenFile.toAbsolutePath(), e);
        }
    }

    /** A first-start token file that no longer holds the admin's token would only mislead: remove it. */
    private void removeStaleTokenFile(String configuredToken) {
        try {
            if (Files.isRegularFile(tokenFile)
                    && !TokenHash.of(Files.readString(tokenFile, StandardCharsets.UTF_8).strip())
                            .matches(TokenHash.of(configuredToken))) {
                Files.delete(tokenFile);
                log.info("Removed {}: THINGBUS_ADMIN_TOKEN replaces the token it held", tokenFile.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + tokenFile.toAbsolutePath(), e);
        }
    }
}
