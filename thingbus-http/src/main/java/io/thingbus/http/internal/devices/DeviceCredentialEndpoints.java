package io.thingbus.http.internal.devices;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.JsonMembers;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.DeviceRegistry.KeyName;
import io.thingbus.registry.auth.SasToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a device proves itself with: {@code POST .../keys/regenerate} (a fresh primary or secondary key),
 * {@code PUT .../x509} (the SHA-256 thumbprints of its client certificates) and {@code POST .../token}
 * (a SAS token signed with one of its keys, for a device or a test that has no SDK to make one).
 */
public final class DeviceCredentialEndpoints {

    /** Lifetime of a minted token when the request names none. */
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    /** The longest lifetime a minted token may have. */
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(365);

    private static final Set<String> REGENERATE_MEMBERS = Set.of("key");
    private static final Set<String> X509_MEMBERS = Set.of("primaryThumbprint", "secondaryThumbprint");
    private static final Set<String> TOKEN_MEMBERS = Set.of("expiresInSeconds", "key");
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{64}");

    private final DeviceRegistry registry;
    private final DeviceView view;
    private final String hostname;
    private final Clock clock;

    public DeviceCredentialEndpoints(DeviceRegistry registry, String hostname, Clock clock) {
        this.registry = registry;
        this.view = new DeviceView(hostname);
        this.hostname = hostname;
        this.clock = clock;
    }

    /** {@code POST /api/v1/devices/{id}/keys/regenerate} {@code {"key": "primary"|"secondary"}}: 200 with the device. */
    public Response regenerateKey(Request request) {
        JsonMembers members = JsonMembers.of(request.jsonObject(), REGENERATE_MEMBERS);
        KeyName key = keyName(members.requiredText("key"));
        Device device = registry.regenerateKey(request.pathParameter("id"), key);
        return Response.ok(view.render(device, request.principal()));
    }

    /**
     * {@code PUT /api/v1/devices/{id}/x509} {@code {"primaryThumbprint", "secondaryThumbprint"}}: each 64 hex
     * digits (stored upper case) or absent/null for none; replaces both. 200 with the device.
     */
    public Response setThumbprints(Request request) {
        JsonMembers members = JsonMembers.of(request.jsonObject(), X509_MEMBERS);
        String primary = thumbprint(members.optionalText("primaryThumbprint"), "primaryThumbprint");
        String secondary = thumbprint(members.optionalText("secondaryThumbprint"), "secondaryThumbprint");
        Device device = registry.setThumbprints(request.pathParameter("id"), primary, secondary);
        return Response.ok(view.render(device, request.principal()));
    }

    /**
     * {@code POST /api/v1/devices/{id}/token}, body optional {@code {"expiresInSeconds": 3600, "key": "primary"}}:
     * {@code {"deviceId", "token", "expires"}}, the token signed over {@code {hostname}/devices/{id}}.
     */
    public Response mintToken(Request request) {
        JsonMembers members = JsonMembers.of(request.hasBody() ? request.jsonObject() : Json.mapper().createObjectNode(),
                TOKEN_MEMBERS);
        long seconds = members.optionalLong("expiresInSeconds", DEFAULT_TOKEN_LIFETIME.toSeconds());
        if (seconds < 1 || seconds > MAX_TOKEN_LIFETIME.toSeconds()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'expiresInSeconds' must be from 1 to "
                    + MAX_TOKEN_LIFETIME.toSeconds() + " (one year), was " + seconds);
        }
        String key = members.optionalText("key");
        KeyName which = key == null ? KeyName.PRIMARY : keyName(key);
        Device device = registry.require(request.pathParameter("id"));
        Instant expires = Instant.ofEpochSecond(clock.instant().getEpochSecond() + seconds);
        String signingKey = which == KeyName.PRIMARY ? device.credentials().primaryKey()
                : device.credentials().secondaryKey();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deviceId", device.id());
        answer.put("token", SasToken.sign(hostname + "/devices/" + device.id(), signingKey, expires));
        answer.put("expires", expires.toString());
        return Response.ok(answer);
    }

    private static KeyName keyName(String key) {
        return switch (key) {
            case "primary" -> KeyName.PRIMARY;
            case "secondary" -> KeyName.SECONDARY;
            default -> throw new ThingbusException(ErrorCode.BAD_REQUEST,
                    "'key' must be 'primary' or 'secondary', was '" + key + "'");
        };
    }

    private static String thumbprint(String value, String member) {
        if (value == null) {
            return null;
        }
        if (!THUMBPRINT.matcher(value).matches()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + member
                    + "' must be 64 hex digits (the SHA-256 of the DER certificate)");
        }
        return value.toUpperCase(Locale.ROOT);
    }
}
