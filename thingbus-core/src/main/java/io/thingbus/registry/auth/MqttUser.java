package io.thingbus.registry.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A simple MQTT client that logs in with a user name and password. It has no built-in rights: the
 * operator's ACL rules for {@code users} say what it may do.
 *
 * @param name     1 to 128 of {@code A-Z a-z 0-9 - . _ : @ = , ! ( ) '} (one topic level, so it can
 *                 fill a {@code ${username}} placeholder)
 * @param password the hash of its password, never the password
 * @param created  when it was created
 */
public record MqttUser(String name, PasswordHash password, Instant created) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9\\-._:@=,!()']{1,128}");

    public MqttUser {
        requireValidName(name);
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(created, "created");
    }

    /** @throws IllegalArgumentException saying what a user name may be */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 128 of A-Z a-z 0-9 - . _ : @ = , ! ( ) ' "
                    + "(no / + # $ or spaces), was '" + name + "'");
        }
        return name;
    }
}
