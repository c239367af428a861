package io.thingbus.server;

import io.thingbus.telemetry.PseudonymisationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub secret the pseudonyms are keyed with: the bytes of a file, trailing white space left out, at
 * least {@value PseudonymisationConfig#MIN_SECRET_BYTES} of them. The default file,
 * {@code {data-dir}/pseudonym.key}, is made on first use with 32 random bytes in base64 (mode 600); a file
 * the operator names must exist. The secret never reaches a log or an exception message.
 */
final class PseudonymKeyFile {

    /** The default file's name under the data directory. */
    static final String DEFAULT_NAME = "pseudonym.key";

    private static final Logger log = LoggerFactory.getLogger(PseudonymKeyFile.class);
    private static final int GENERATED_BYTES = 32;

    private PseudonymKeyFile() {
    }

    /**
     * The secret in {@code configured}, or in the data directory's default file, made now if missing.
     *
     * @throws IllegalArgumentException when the file is missing (a configured one), unreadable or too short
     */
    static byte[] read(Path configured, Path dataDir, SecureRandom random) {
        Path file = configured != null ? configured : dataDir.resolve(DEFAULT_NAME);
        if (configured == null && !Files.exists(file)) {
            create(file, random);
        }
        byte[] secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).stripTrailing().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the pseudonym key file " + file.toAbsolutePath() + ": "
                    + e.getClass().getSimpleName());
        }
        if (secret.length < PseudonymisationConfig.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the pseudonym key file " + file.toAbsolutePath() + " must hold at least "
                    + PseudonymisationConfig.MIN_SECRET_BYTES + " bytes (for example: openssl rand -base64 32)");
        }
        warnIfOthersMayRead(file);
        return secret;
    }

    /** Writes a new key beside a temporary name created with mode 600, then moves it in place. */
    private static void create(Path file, SecureRandom random) {
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        Path temp = file.resolveSibling(DEFAULT_NAME + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pseudonym key file " + file.toAbsolutePath(), e);
        }
        log.info("First use of pseudonymisation: made the hub secret {} (mode 600); keep it with the data, pseudonyms"
                + " change with it", file.toAbsolutePath());
    }

    private static void warnIfOthersMayRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("The pseudonym key file {} may be read by other users; chmod 600 it", file.toAbsolutePath());
            }
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("Cannot check the permissions of {}: {}", file, e.toString());
        }
    }
}
