package io.thingbus.http.internal.telemetry;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Problems;
import io.thingbus.http.PostedTelemetry;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.registry.auth.ClientCredentials;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.telemetry.TelemetryIngest;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/devices/{id}/messages/events}: telemetry from a device that cannot hold a socket. A
 * device route: the device's SAS token in {@code Authorization} is checked by the hub's authenticator
 * exactly as at an MQTT CONNECT (the device named by the token's {@code sr}, its key, enabled, not expired,
 * the same failure limits), and its ACL must let it publish to {@code devices/{id}/messages/events/}: a
 * device posts for itself, a gateway for its children.
 *
 * <p>The body is the payload, {@code Content-Type} its content type, {@code iothub-app-NAME} headers its
 * properties ({@link HeaderProperties}). The answer, 202 with {@code {"partition", "offset", "enqueuedTime"}},
 * is sent only once the message is durable in the telemetry log. Runs on an API worker and waits there
 * for the journal, never on an event loop.
 */
public final class DeviceMessageEndpoint {

    /** The WWW-Authenticate challenge of a refused device. */
    static final String CHALLENGE = "SharedAccessSignature";
    /** How long a post waits for its message to be durable before answering 503. */
    static final long DURABLE_TIMEOUT_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(DeviceMessageEndpoint.class);

    private final ClientAuthenticator authenticator;
    private final DeviceRegistry registry;
    private final TelemetryIngest ingest;
    private final int maxPayloadBytes;
    private final PostedTelemetry posted;

    public DeviceMessageEndpoint(ClientAuthenticator authenticator, DeviceRegistry registry, TelemetryIngest ingest,
                                 int maxPayloadBytes, PostedTelemetry posted) {
        this.authenticator = authenticator;
        this.registry = registry;
        this.ingest = ingest;
        this.maxPayloadBytes = maxPayloadBytes;
        this.posted = posted;
    }

    public Response send(Request request) {
        String deviceId = request.pathParameter("id");
        AuthenticationResult.Accepted sender;
        try {
            sender = authenticate(request);
        } catch (ThingbusException refused) {
            if (refused.code().httpStatus() != 401) {
                throw refused;
            }
            return Problems.of(refused.code(), refused.detail(), request.path())
                    .withHeader(HttpHeaderNames.WWW_AUTHENTICATE.toString(), CHALLENGE);
        }
        if (!sender.access().mayPublish("devices/" + deviceId + "/messages/events/")) {
            throw new ThingbusException(ErrorCode.NOT_AUTHORIZED, "device '" + sender.identity().name()
                    + "' may not send telemetry for '" + deviceId + "'");
        }
        Device device = registry.require(deviceId);
        if (request.body().length > maxPayloadBytes) {
            throw new ThingbusException(ErrorCode.PAYLOAD_TOO_LARGE, "a telemetry payload is at most " + maxPayloadBytes
                    + " bytes, this one " + request.body().length);
        }
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        TelemetryRecord stored = awaitDurable(ingest.ingest(device.id(), device.partition(),
                HeaderProperties.of(request.headers()), contentType, request.body()), device.id());
        posted.posted(stored, request.remoteAddress());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("partition", stored.partition());
        answer.put("offset", stored.offset());
        answer.put("enqueuedTime", Instant.ofEpochMilli(stored.enqueuedTime()).toString());
        return Response.json(HttpResponseStatus.ACCEPTED, answer);
    }

    /** The device named by the token, authenticated as at CONNECT; a refusal as a ThingbusException. */
    private AuthenticationResult.Accepted authenticate(Request request) {
        List<String> authorization = request.headers().getAll(HttpHeaderNames.AUTHORIZATION);
        if (authorization.isEmpty()) {
            throw new ThingbusException(ErrorCode.AUTHENTICATION_REQUIRED,
                    "send the device's SAS token: Authorization: SharedAccessSignature sr=...&sig=...&se=...");
        }
        if (authorization.size() > 1 || !authorization.getFirst().startsWith(SasToken.PREFIX)) {
            throw new ThingbusException(ErrorCode.BAD_CREDENTIALS,
                    "send one Authorization header with the device's SAS token (SharedAccessSignature ...)");
        }
        String signer;
        try {
            signer = SasToken.parse(authorization.getFirst()).deviceId();
        } catch (IllegalArgumentException malformed) {
            throw new ThingbusException(ErrorCode.BAD_CREDENTIALS, "malformed shared access signature");
        }
        if (signer == null) {
            throw new ThingbusException(ErrorCode.BAD_CREDENTIALS, "the token's sr must be {hostname}/devices/{deviceId}");
        }
        ClientCredentials credentials = new ClientCredentials(signer, null,
                authorization.getFirst().getBytes(StandardCharsets.UTF_8), List.of(), request.remoteAddress(), "http");
        return switch (authenticator.authenticate(credentials)) {
            case AuthenticationResult.Accepted accepted -> accepted;
            case AuthenticationResult.Refused refused -> throw new ThingbusException(refused.code(), refused.reason());
        };
    }

    private static TelemetryRecord awaitDurable(CompletableFuture<TelemetryRecord> appended, String deviceId) {
        try {
            return appended.get(DURABLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof ThingbusException refused) {
                throw refused;
            }
            log.error("[device={}] storing a message posted over HTTP failed", deviceId, failed.getCause());
            throw new ThingbusException(ErrorCode.SERVER_UNAVAILABLE, "the hub could not store the message; retry");
        } catch (TimeoutException slow) {
            throw new ThingbusException(ErrorCode.SERVER_UNAVAILABLE, "the message was not durable within "
                    + DURABLE_TIMEOUT_SECONDS + " s; it may be stored, retry (consumers see duplicates at most)");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ThingbusException(ErrorCode.SERVER_SHUTTING_DOWN, "the hub is stopping; retry");
        }
    }
}
