package io.thingbus.mqtt.internal.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.registry.provisioning.DeviceConfiguration;
import io.thingbus.registry.provisioning.Registration;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers to a device registering over MQTT, shaped as Azure DPS shapes them, each on
 * {@code $dps/registrations/res/{status}/?$rid={rid}} at QoS 1 with content type {@value #JSON}:
 *
 * <ul>
 *   <li>200: {@code {"operationId", "status": "assigned", "registrationState": {...}}}, the registration
 *       state being the device configuration document of the HTTP route (registrationId, deviceId,
 *       assignedHub, status, substatus, createdDateTimeUtc, lastUpdatedDateTimeUtc as DPS has them, and
 *       the hub's endpoints, topics and credentials);</li>
 *   <li>an error: {@code {"errorCode": status * 1000, "code": "BAD_CREDENTIALS"..., "message"}}.</li>
 * </ul>
 *
 * The operation id is {@code {assignments}.{last assignment in epoch ms}}: the same registration answers
 * the same operation id when polled, and a reprovisioning makes a new one.
 */
final class DpsResponses {

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MessageProperties JSON_PROPERTIES = new MessageProperties(null, JSON, null, null, List.of());

    private final Clock clock;

    DpsResponses(Clock clock) {
        this.clock = clock;
    }

    static String operationId(Registration registration) {
        return registration.assignments() + "." + registration.updated().toEpochMilli();
    }

    Message assigned(DpsRequest request, DeviceConfiguration configuration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operationId", operationId(configuration.registration()));
        body.put("status", Registration.ASSIGNED);
        body.put("registrationState", configuration.document());
        return message(request.responseTopic(200), body);
    }

    Message error(DpsRequest request, ErrorCode code, String detail) {
        int status = code.httpStatus();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", status * 1000);
        body.put("code", code.name());
        body.put("message", detail);
        return message(request.responseTopic(status), body);
    }

    private Message message(String topic, Map<String, Object> body) {
        byte[] payload;
        try {
            payload = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("maps of strings, numbers and maps always serialize", impossible);
        }
        return new Message(topic, payload, Qos.AT_LEAST_ONCE, false, JSON_PROPERTIES, null, clock.millis(),
                Message.NEVER_EXPIRES);
    }
}
