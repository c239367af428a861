package io.thingbus.mqtt.internal.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.Message;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.registry.auth.ClientIdentity;
import io.thingbus.registry.provisioning.ProvisioningService;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning over MQTT (Azure DPS's MQTT protocol, for devices that speak nothing else): a device
 * connected as a {@link ClientIdentity.Kind#PROVISIONING} identity publishes
 * {@code $dps/registrations/PUT/iotdps-register/?$rid={rid}} (payload {@code {"registrationId", "payload"}},
 * optional) and is answered on {@code $dps/registrations/res/{status}/?$rid={rid}}, on its own session
 * only ({@link DpsResponses}). The registration is {@link ProvisioningService#register} with the token the
 * device connected with, run on the broker's workers, never on an event loop; a refusal is an answer
 * with its status (401, 403, 409, 400), not a refused PUBLISH. A poll,
 * {@code $dps/registrations/GET/iotdps-get-operationstatus/?$rid={rid}&operationId={id}}, is answered with
 * the registration's state while that operation is its last one, else 404. Any other {@code $dps/} topic
 * from anyone else is refused {@link ErrorCode#NOT_AUTHORIZED}.
 */
final class ProvisioningTopic implements HubTopic {

    static final String FAMILY = "$dps/registrations/";
    private static final Logger log = LoggerFactory.getLogger(ProvisioningTopic.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ProvisioningService provisioning;
    private final Executor workers;
    private final DpsResponses responses;

    ProvisioningTopic(ProvisioningService provisioning, Executor workers, Clock clock) {
        this.provisioning = provisioning;
        this.workers = workers;
        this.responses = new DpsResponses(clock);
    }

    @Override
    public boolean serves(String topic) {
        return topic.startsWith(FAMILY);
    }

    @Override
    public CompletableFuture<HubAnswer> publish(ClientConnection publisher, Message message) {
        ClientIdentity identity = publisher.client().identity();
        if (identity.kind() != ClientIdentity.Kind.PROVISIONING) {
            return CompletableFuture.failedFuture(new ThingbusException(ErrorCode.NOT_AUTHORIZED,
                    "only a device connected to register itself uses " + FAMILY));
        }
        DpsRequest request = DpsRequest.parse(message.topic());
        String registrationId = identity.name();
        Supplier<Message> work = switch (request.operation()) {
            case REGISTER -> {
                String proof = publisher.registrationProof();
                yield () -> register(request, registrationId, proof, message.payload());
            }
            case OPERATION_STATUS -> () -> operationStatus(request, registrationId);
            case UNKNOWN -> () -> responses.error(request, ErrorCode.NOT_FOUND, "no such provisioning operation");
        };
        try {
            return CompletableFuture.supplyAsync(() -> answer(request, registrationId, work), workers)
                    .thenApply(HubAnswer::reply);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.completedFuture(HubAnswer.reply(
                    responses.error(request, ErrorCode.SERVER_BUSY, "too many requests, try again later")));
        }
    }

    /** Runs on a worker: the answer, a refusal's answer, or a 500 for anything unforeseen. */
    private Message answer(DpsRequest request, String registrationId, Supplier<Message> work) {
        try {
            return work.get();
        } catch (ThingbusException refused) {
            return responses.error(request, refused.code(), refused.detail());
        } catch (RuntimeException failed) {
            log.warn("[registration={}] provisioning over MQTT failed", registrationId, failed);
            return responses.error(request, ErrorCode.UNSPECIFIED, "the registration could not be completed");
        }
    }

    private Message register(DpsRequest request, String registrationId, String proof, byte[] payload) {
        requireSameRegistration(registrationId, payload);
        return responses.assigned(request, provisioning.register(registrationId, proof));
    }

    private Message operationStatus(DpsRequest request, String registrationId) {
        return provisioning.registrationState(registrationId)
                .filter(state -> DpsResponses.operationId(state.registration()).equals(request.operationId()))
                .map(state -> responses.assigned(request, state))
                .orElseGet(() -> responses.error(request, ErrorCode.NOT_FOUND, "no operation '" + request.operationId()
                        + "' for registration '" + registrationId + "'"));
    }

    /** The body is optional; a registration id in it must be the connection's. Its payload is not kept. */
    private static void requireSameRegistration(String registrationId, byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(payload);
        } catch (IOException notJson) {
            throw new ThingbusException(ErrorCode.INVALID_JSON, "the registration request is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new ThingbusException(ErrorCode.INVALID_JSON, "the registration request must be a JSON object");
        }
        JsonNode named = body.get("registrationId");
        if (named != null && !named.asText().equals(registrationId)) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "the request names registration '" + named.asText()
                    + "' but the connection is '" + registrationId + "'");
        }
    }
}
