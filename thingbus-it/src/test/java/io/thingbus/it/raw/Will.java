package io.thingbus.it.raw;

import java.nio.charset.StandardCharsets;

/** The Will Message carried in a CONNECT packet (3.1.2.5-3.1.2.7 and 3.1.3 in both specifications). */
public record Will(String topic, byte[] payload, int qos, boolean retain, Properties properties) {

    public static Will of(String topic, String payload) {
        return new Will(topic, payload.getBytes(StandardCharsets.UTF_8), 0, false, Properties.none());
    }

    public Will withQos(int newQos) {
        return new Will(topic, payload, newQos, retain, properties);
    }

    public Will withRetain(boolean newRetain) {
        return new Will(topic, payload, qos, newRetain, properties);
    }

    /** MQTT 5 Will Properties, such as Will Delay Interval. */
    public Will withProperties(Properties newProperties) {
        return new Will(topic, payload, qos, retain, newProperties);
    }
}
