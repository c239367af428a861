package io.thingbus.messaging;

import java.util.List;

/**
 * The MQTT 5 application properties a message carries from publisher to subscribers unchanged.
 *
 * @param payloadFormatIndicator 1 when the publisher declared the payload UTF-8, 0 or null otherwise
 * @param contentType     MIME type of the payload, or null
 * @param responseTopic   topic for a response (request/response pattern), or null
 * @param correlationData opaque bytes linking a response to its request, or null; never mutated
 * @param userProperties  user properties in publisher order, never null
 */
public record MessageProperties(
        Integer payloadFormatIndicator,
        String contentType,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties) {

    /** No properties at all: what every MQTT 3.1.1 message carries. */
    public static final MessageProperties NONE = new MessageProperties(null, null, null, null, List.of());

    public MessageProperties {
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    /** True when no property is set, so an encoder may skip them all. */
    public boolean isEmpty() {
        return payloadFormatIndicator == null
                && contentType == null
                && responseTopic == null
                && correlationData == null
                && userProperties.isEmpty();
    }
}
