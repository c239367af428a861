package io.thingbus.server;

import io.thingbus.http.HttpServerConfig;
import io.thingbus.registry.ServicePrincipals;
import java.util.Objects;

/**
 * The management API on the HTTP port.
 *
 * @param adminToken the admin's bearer token as THINGBUS_ADMIN_TOKEN sets it, or null to keep the stored admin
 *                   (on first start: create one, write it to {@code admin.token} and print it once)
 * @param http       limits of the HTTP port
 */
public record ApiConfig(String adminToken, HttpServerConfig http) {

    /** The environment variable that sets {@link #adminToken()}. */
    public static final String ADMIN_TOKEN_VARIABLE = "THINGBUS_ADMIN_TOKEN";

    public ApiConfig {
        Objects.requireNonNull(http, "http");
        if (adminToken != null && adminToken.isBlank()) {
            adminToken = null;
        }
        if (adminToken != null && (adminToken.length() < ServicePrincipals.MIN_CONFIGURED_TOKEN_LENGTH
                || adminToken.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException(ADMIN_TOKEN_VARIABLE + " must be at least "
                    + ServicePrincipals.MIN_CONFIGURED_TOKEN_LENGTH
                    + " characters without white space (for example: openssl rand -base64 32)");
        }
    }

    public static ApiConfig defaults() {
        return new ApiConfig(null, HttpServerConfig.defaults());
    }

    public ApiConfig withAdminToken(String token) {
        return new ApiConfig(token, http);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ApiConfig[adminToken=" + (adminToken == null ? "none" : "<set>") + ", http=" + http + "]";
    }
}
