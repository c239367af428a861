package io.thingbus.mqtt.internal.hub;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.UserProperty;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStore;
import io.thingbus.registry.auth.ClientIdentity;
import io.thingbus.telemetry.TelemetryIngest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Device telemetry over MQTT: {@code devices/{deviceId}/messages/events[/{property bag}]}, published by
 * the device itself or by its gateway (the ACL decided that already). The message goes to
 * {@link TelemetryIngest} in the device's partition with its properties: the bag's (see
 * {@link PropertyBag}) then the MQTT 5 user properties; its content type is the MQTT 5 Content Type,
 * else the bag's {@value #CONTENT_TYPE}. Once it is durable it is routed, stamped
 * ({@link StampedTelemetry}), and the publisher acknowledged. Only devices publish telemetry: any other
 * client the rules let publish there is refused {@link ErrorCode#NOT_AUTHORIZED}.
 *
 * <p>The connected device's partition is looked up once per connection; a gateway's child's on every
 * message (a point read of the device store).
 */
final class DeviceTelemetryTopic implements HubTopic {

    /** The system property of the bag that is the content type. */
    static final String CONTENT_TYPE = "$.ct";
    private static final String DEVICES = "devices/";
    private static final String EVENTS = "/messages/events";

    private final TelemetryIngest ingest;
    private final DeviceStore devices;

    DeviceTelemetryTopic(TelemetryIngest ingest, DeviceStore devices) {
        this.ingest = ingest;
        this.devices = devices;
    }

    @Override
    public boolean serves(String topic) {
        int idEnd = deviceIdEnd(topic);
        int eventsEnd = idEnd + EVENTS.length();
        return idEnd > 0 && topic.startsWith(EVENTS, idEnd) && (topic.length() == eventsEnd || topic.charAt(eventsEnd) == '/');
    }

    @Override
    public CompletableFuture<HubAnswer> publish(ClientConnection publisher, Message message) {
        try {
            ClientIdentity identity = publisher.client().identity();
            if (identity.kind() != ClientIdentity.Kind.DEVICE) {
                throw new ThingbusException(ErrorCode.NOT_AUTHORIZED, "only devices publish telemetry");
            }
            String topic = message.topic();
            int idEnd = deviceIdEnd(topic);
            boolean own = idEnd - DEVICES.length() == identity.name().length()
                    && topic.startsWith(identity.name(), DEVICES.length());
            String deviceId = own ? identity.name() : topic.substring(DEVICES.length(), idEnd);
            int partition = own ? ownPartition(publisher, deviceId) : partitionOf(deviceId);
            List<UserProperty> bag = PropertyBag.parse(topic, idEnd + EVENTS.length() + 1);
            String contentType = message.properties().contentType();
            List<UserProperty> properties = new ArrayList<>(bag.size() + message.properties().userProperties().size());
            for (UserProperty property : bag) {
                if (!property.name().equals(CONTENT_TYPE)) {
                    properties.add(property);
                } else if (contentType == null) {
                    contentType = property.value();
                }
            }
            properties.addAll(message.properties().userProperties());
            return ingest.ingest(deviceId, partition, properties, contentType, message.payload())
                    .thenApply(record -> HubAnswer.route(StampedTelemetry.message(record, message.qos(), message.publisherId())));
        } catch (ThingbusException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** Where the device id level of {@code topic} ends, or -1 when it is not {@code devices/{id}/...}. */
    private static int deviceIdEnd(String topic) {
        if (!topic.startsWith(DEVICES)) {
            return -1;
        }
        int end = topic.indexOf('/', DEVICES.length());
        return end > DEVICES.length() ? end : -1;
    }

    private int ownPartition(ClientConnection connection, String deviceId) {
        int partition = connection.devicePartition();
        if (partition < 0) {
            partition = partitionOf(deviceId);
            connection.devicePartition(partition);
        }
        return partition;
    }

    private int partitionOf(String deviceId) {
        return devices.find(deviceId).map(Device::partition).orElseThrow(() -> new ThingbusException(
                ErrorCode.NOT_AUTHORIZED, "device '" + deviceId + "' is not registered"));
    }
}
