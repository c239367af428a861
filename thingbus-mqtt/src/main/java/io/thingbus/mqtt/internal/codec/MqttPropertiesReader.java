package io.thingbus.mqtt.internal.codec;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.UserProperty;
import java.util.ArrayList;
import java.util.List;

/** Reads typed values out of Netty's decoded MQTT 5 properties. */
public final class MqttPropertiesReader {

    private MqttPropertiesReader() {
    }

    /** An integer property (byte, two-byte, four-byte or variable integer), or {@code absent}. */
    public static long integer(MqttProperties properties, int id, long absent) {
        MqttProperty<?> property = properties.getProperty(id);
        if (property == null) {
            return absent;
        }
        return Integer.toUnsignedLong((Integer) property.value());
    }

    public static String string(MqttProperties properties, int id) {
        MqttProperty<?> property = properties.getProperty(id);
        return property == null ? null : (String) property.value();
    }

    public static byte[] binary(MqttProperties properties, int id) {
        MqttProperty<?> property = properties.getProperty(id);
        return property == null ? null : (byte[]) property.value();
    }

    /** The application properties a message carries end to end. */
    public static MessageProperties messageProperties(MqttProperties properties) {
        if (properties.isEmpty()) {
            return MessageProperties.NONE;
        }
        long format = integer(properties, MqttProperties.PAYLOAD_FORMAT_INDICATOR, -1);
        List<? extends MqttProperty> users = properties.getProperties(MqttProperties.USER_PROPERTY);
        List<UserProperty> userProperties = new ArrayList<>(users.size());
        for (MqttProperty<?> user : users) {
            MqttProperties.StringPair pair = (MqttProperties.StringPair) user.value();
            userProperties.add(new UserProperty(pair.key, pair.value));
        }
        return new MessageProperties(
                format < 0 ? null : (int) format,
                string(properties, MqttProperties.CONTENT_TYPE),
                string(properties, MqttProperties.RESPONSE_TOPIC),
                binary(properties, MqttProperties.CORRELATION_DATA),
                userProperties);
    }
}
