package io.thingbus.registry.auth;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * MQTT users: creating them with a password (kept only as a {@link PasswordHash}), checking a
 * password, removing them. Writes serialize on this object; verification takes no lock.
 */
public final class MqttUsers {

    /** The shortest password a user may have. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private final MqttUserStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final int iterations;
    /** Checked against when the user is unknown, so the answer takes as long as for a known one. */
    private final PasswordHash decoy;
    private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();

    /** @param iterations PBKDF2 iterations for new passwords ({@link PasswordHash#DEFAULT_ITERATIONS}) */
    public MqttUsers(MqttUserStore store, Clock clock, SecureRandom random, int iterations) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.iterations = iterations;
        this.decoy = PasswordHash.create("decoy password".toCharArray(), iterations, random);
    }

    /**
     * A new user with this password.
     *
     * @throws ThingbusException {@link ErrorCode#CONFLICT} when the name is taken; {@link ErrorCode#BAD_REQUEST}
     *                           for an invalid name, a password shorter than {@value #MIN_PASSWORD_LENGTH}
     *                           characters, or one that has the form of a SAS token, JWT or API token (it
     *                           would be checked as one)
     */
    public synchronized MqttUser create(String name, String password) {
        try {
            MqttUser.requireValidName(name);
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, invalid.getMessage());
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "a password has at least " + MIN_PASSWORD_LENGTH
                    + " characters");
        }
        if (PasswordKind.of(password.getBytes(StandardCharsets.UTF_8)) != PasswordKind.PASSWORD) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "a password may not start with 'SharedAccessSignature ' "
                    + "or 'tb_', nor have the form of a JWT");
        }
        if (store.find(name).isPresent()) {
            throw new ThingbusException(ErrorCode.CONFLICT, "a user named '" + name + "' exists");
        }
        char[] chars = password.toCharArray();
        try {
            MqttUser user = new MqttUser(name, PasswordHash.create(chars, iterations, random), clock.instant());
            store.put(user);
            return user;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * The user when {@code password} (UTF-8, as MQTT carries it) is its password. An unknown name
     * costs the same hash as a known one, so timing does not tell whether the user exists.
     */
    public Optional<MqttUser> verify(String name, byte[] password) {
        Optional<MqttUser> user = name == null ? Optional.empty() : store.find(name);
        char[] chars = decode(password);
        try {
            boolean matches = user.map(MqttUser::password).orElse(decoy).matches(chars);
            return matches ? user : Optional.empty();
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public Optional<MqttUser> find(String name) {
        return store.find(name);
    }

    /** Every user, in name order. */
    public List<MqttUser> list() {
        return store.list();
    }

    /** Removes a user; {@link ErrorCode#NOT_FOUND} when there is none. Its open connections stay until they end. */
    public synchronized void remove(String name) {
        if (!store.remove(name)) {
            throw new ThingbusException(ErrorCode.NOT_FOUND, "no user named '" + name + "'");
        }
        for (Consumer<String> listener : removalListeners) {
            listener.accept(name);
        }
    }

    /**
     * Tells {@code listener} the name of every user removed from now on, after the removal is durable
     * (the hub closes the user's open connections with it). It must be quick.
     */
    public void onRemoval(Consumer<String> listener) {
        removalListeners.add(listener);
    }

    private static char[] decode(byte[] password) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(password));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return chars;
    }
}
