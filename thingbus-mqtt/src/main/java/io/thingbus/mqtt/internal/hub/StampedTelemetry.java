package io.thingbus.mqtt.internal.hub;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A stored telemetry record as the hub routes it to MQTT subscribers: on
 * {@code devices/{deviceId}/messages/events/} (the property bag is not repeated in the topic: the
 * properties travel as MQTT 5 user properties, as stored, pseudonymised where configured), with its
 * content type, and the hub's stamp as four user properties after the device's own:
 * {@value #DEVICE_ID}, {@value #ENQUEUED_TIME} (ISO-8601 UTC), {@value #PARTITION} and {@value #OFFSET}.
 * A device property of one of those names is left out, so the stamp cannot be forged.
 */
public final class StampedTelemetry {

    static final String DEVICE_ID = "iothub-connection-device-id";
    static final String ENQUEUED_TIME = "iothub-enqueuedtime";
    static final String PARTITION = "x-opt-partition";
    static final String OFFSET = "x-opt-offset";

    private static final Set<String> STAMP = Set.of(DEVICE_ID, ENQUEUED_TIME, PARTITION, OFFSET);
    private static final EnqueuedTimeText TIME = new EnqueuedTimeText();

    private StampedTelemetry() {
    }

    /** The topic a device's telemetry is routed on. */
    static String topic(String deviceId) {
        return "devices/" + deviceId + "/messages/events/";
    }

    /**
     * @param qos         the QoS it was published with
     * @param publisherId the publisher's client id, for no-local subscriptions
     */
    public static Message message(TelemetryRecord record, Qos qos, String publisherId) {
        List<UserProperty> properties = new ArrayList<>(record.properties().size() + STAMP.size());
        for (UserProperty property : record.properties()) {
            if (!STAMP.contains(property.name())) {
                properties.add(property);
            }
        }
        properties.add(new UserProperty(DEVICE_ID, record.deviceId()));
        properties.add(new UserProperty(ENQUEUED_TIME, TIME.of(record.enqueuedTime())));
        properties.add(new UserProperty(PARTITION, Integer.toString(record.partition())));
        properties.add(new UserProperty(OFFSET, Long.toString(record.offset())));
        return new Message(topic(record.deviceId()), record.payload(), qos, false,
                new MessageProperties(null, record.contentType(), null, null, properties), publisherId,
                record.enqueuedTime(), Message.NEVER_EXPIRES);
    }
}
