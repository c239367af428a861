package io.thingbus.registry;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Service principals and their bearer tokens: issuing, authenticating, removing. Tokens are
 * {@code tb_} and 43 base64url characters (256 random bits); only their {@link TokenHash} is stored.
 * Writes serialize on this object; authentication reads the store and takes no lock.
 */
public final class ServicePrincipals {

    /** The principal the hub creates on first start. */
    public static final String ADMIN = "admin";
    /** The shortest token an operator may configure (THINGBUS_ADMIN_TOKEN). */
    public static final int MIN_CONFIGURED_TOKEN_LENGTH = 32;

    private static final String TOKEN_PREFIX = "tb_";
    private static final int TOKEN_RANDOM_BYTES = 32;

    private final PrincipalStore store;
    private final Clock clock;
    private final SecureRandom random;

    public ServicePrincipals(PrincipalStore store, Clock clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /** A new token with 256 random bits. */
    public String generateToken() {
        byte[] bytes = new byte[TOKEN_RANDOM_BYTES];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The principal holding this token, if any. Every stored hash is compared, in constant time and
     * without stopping at a match, so timing tells nothing about which principal (if any) matched.
     */
    public Optional<ServicePrincipal> authenticate(String token) {
        TokenHash presented = TokenHash.of(token);
        ServicePrincipal match = null;
        for (ServicePrincipal principal : store.all()) {
            if (principal.tokenHash().matches(presented)) {
                match = principal;
            }
        }
        return Optional.ofNullable(match);
    }

    /** A new principal with a new token; {@link ErrorCode#CONFLICT} when the name is taken. */
    public synchronized IssuedToken create(String name, Role role) {
        ServicePrincipal.requireValidName(name);
        if (store.find(name).isPresent()) {
            throw new ThingbusException(ErrorCode.CONFLICT, "a principal named '" + name + "' exists");
        }
        String token = generateToken();
        ServicePrincipal principal = new ServicePrincipal(name, role, TokenHash.of(token), clock.instant());
        store.put(principal);
        return new IssuedToken(principal, token);
    }

    /**
     * Creates or replaces the principal {@code name} with this token (the first-start admin, or the
     * one THINGBUS_ADMIN_TOKEN sets). A configured token must be at least
     * {@link #MIN_CONFIGURED_TOKEN_LENGTH} characters without white space.
     */
    public synchronized ServicePrincipal put(String name, Role role, String token) {
        if (token.length() < MIN_CONFIGURED_TOKEN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a token must be at least " + MIN_CONFIGURED_TOKEN_LENGTH
                    + " characters without white space (for example: openssl rand -base64 32)");
        }
        TokenHash hash = TokenHash.of(token);
        Optional<ServicePrincipal> existing = store.find(name);
        if (existing.isPresent() && existing.get().role() == role && existing.get().tokenHash().matches(hash)) {
            return existing.get();
        }
        ServicePrincipal principal = new ServicePrincipal(name, role, hash, clock.instant());
        store.put(principal);
        return principal;
    }

    /** Whether any principal has the admin role. */
    public boolean hasAdmin() {
        return store.all().stream().anyMatch(principal -> principal.role() == Role.ADMIN);
    }

    public Optional<ServicePrincipal> find(String name) {
        return store.find(name);
    }

    /** Every principal, in name order. */
    public List<ServicePrincipal> list() {
        return store.all();
    }

    /**
     * Removes a principal, which invalidates its token at once. {@link ErrorCode#NOT_FOUND} when there
     * is none; {@link ErrorCode#CONFLICT} for the last admin, so the hub always keeps one.
     */
    public synchronized void remove(String name) {
        ServicePrincipal principal = store.find(name)
                .orElseThrow(() -> new ThingbusException(ErrorCode.NOT_FOUND, "no principal named '" + name + "'"));
        if (principal.role() == Role.ADMIN
                && store.all().stream().filter(other -> other.role() == Role.ADMIN).count() == 1) {
            throw new ThingbusException(ErrorCode.CONFLICT, "'" + name + "' is the last admin and cannot be removed");
        }
        store.remove(name);
    }
}
