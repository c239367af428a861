package io.thingbus.registry.auth;

/**
 * The device topics of the Azure IoT Hub MQTT convention (DESIGN.md section 2), recognised by
 * comparing regions of the topic in place.
 */
final class DeviceTopics {

    /** Where every per-device topic starts; the device id is the next level. */
    static final String DEVICES = "devices/";
    /** Telemetry: {@code devices/{id}/messages/events} and below (the property bag). */
    static final String EVENTS = "/messages/events";
    /** Cloud-to-device messages: {@code devices/{id}/messages/devicebound} and below. */
    static final String DEVICEBOUND = "/messages/devicebound";
    /** Every topic of the per-connection $iothub family. */
    static final String IOTHUB = "$iothub/";

    private DeviceTopics() {
    }

    /** Where the device id level of {@code topic} ends, or -1 when it is not {@code devices/{id}/...}. */
    static int deviceIdEnd(String topic) {
        if (!topic.startsWith(DEVICES)) {
            return -1;
        }
        int end = topic.indexOf('/', DEVICES.length());
        return end > DEVICES.length() ? end : -1;
    }

    /** Whether {@code topic} from {@code from} on is {@code branch} itself or a level below it. */
    static boolean isAtOrBelow(String topic, int from, String branch) {
        int branchEnd = from + branch.length();
        return topic.startsWith(branch, from) && (topic.length() == branchEnd || topic.charAt(branchEnd) == '/');
    }

    /** Whether {@code topic} is any device's telemetry, {@code devices/{id}/messages/events[/...]}. */
    static boolean isTelemetry(String topic) {
        int idEnd = deviceIdEnd(topic);
        return idEnd > 0 && isAtOrBelow(topic, idEnd, EVENTS);
    }
}
