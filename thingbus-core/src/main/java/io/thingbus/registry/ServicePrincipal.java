package io.thingbus.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person or program that uses the management API with a bearer token: its name, its role and the
 * hash of its token (never the token).
 *
 * @param name      1 to 64 of {@code a-z 0-9 . _ -}, starting with a letter or digit
 * @param role      what it may do
 * @param tokenHash the SHA-256 of its bearer token
 * @param created   when it was created (or its token last replaced)
 */
public record ServicePrincipal(String name, Role role, TokenHash tokenHash, Instant created) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ServicePrincipal {
        requireValidName(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(created, "created");
    }

    /** Refuses a name that is not 1 to 64 of {@code a-z 0-9 . _ -} starting with a letter or digit. */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a principal name is 1 to 64 of a-z 0-9 . _ - starting with a letter "
                    + "or digit, was '" + name + "'");
        }
        return name;
    }
}
