package io.thingbus.registry.provisioning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a device is told when it registers: who it now is, where to connect, what to subscribe and
 * publish to, and how to sign its SAS token. It carries no key: the device signs with the key it
 * already holds.
 *
 * @param registration the registration just recorded
 * @param hub          where the hub is reached
 */
public record DeviceConfiguration(Registration registration, HubEndpoints hub) {

    /** The api-version Azure IoT device SDKs put in their MQTT user name. */
    public static final String API_VERSION = "2021-04-12";

    public DeviceConfiguration {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(hub, "hub");
    }

    /** The document as ordered JSON-ready maps and strings, for any front end to serialize. */
    public Map<String, Object> document() {
        String deviceId = registration.deviceId();
        String host = hub.hostname();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("registrationId", registration.registrationId());
        document.put("deviceId", deviceId);
        document.put("status", Registration.ASSIGNED);
        document.put("substatus", registration.substatus());
        document.put("assignedHub", host);
        document.put("partition", registration.partition());
        document.put("enrollment", Map.of("kind", registration.enrollmentKind().wireName(), "id", registration.enrollmentId()));
        document.put("endpoints", hub.urls());
        document.put("mqtt", mqtt(host, deviceId));
        document.put("topics", topics(deviceId));
        document.put("credentials", credentials(host, deviceId));
        document.put("createdDateTimeUtc", registration.created().toString());
        document.put("lastUpdatedDateTimeUtc", registration.updated().toString());
        return document;
    }

    private static Map<String, Object> mqtt(String host, String deviceId) {
        Map<String, Object> mqtt = new LinkedHashMap<>();
        mqtt.put("clientId", deviceId);
        mqtt.put("username", host + "/" + deviceId + "/?api-version=" + API_VERSION);
        mqtt.put("password", "a SAS token: see credentials");
        return mqtt;
    }

    private static Map<String, Object> topics(String deviceId) {
        String device = "devices/" + deviceId;
        Map<String, Object> topics = new LinkedHashMap<>();
        topics.put("telemetry", device + "/messages/events/");
        topics.put("commands", device + "/messages/devicebound/#");
        topics.put("methods", "$iothub/methods/POST/#");
        topics.put("methodResponse", "$iothub/methods/res/{status}/?$rid={rid}");
        topics.put("twinGet", "$iothub/twin/GET/?$rid={rid}");
        topics.put("twinReported", "$iothub/twin/PATCH/properties/reported/?$rid={rid}");
        topics.put("twinResponses", "$iothub/twin/res/#");
        topics.put("twinDesired", "$iothub/twin/PATCH/properties/desired/#");
        return topics;
    }

    private Map<String, Object> credentials(String host, String deviceId) {
        String key = registration.enrollmentKind() == EnrollmentKind.INDIVIDUAL
                ? "the device key is the individual enrollment's key (primary or secondary)"
                : "the device key is base64(HMAC-SHA256(base64decode(groupKey), registrationId)) for the group's "
                        + "primary or secondary key: the key the device registered with";
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("type", "symmetricKey");
        credentials.put("derivation", key + "; sign SAS tokens with it for sr " + host + "/devices/" + deviceId);
        credentials.put("sasResource", host + "/devices/" + deviceId);
        return credentials;
    }
}
