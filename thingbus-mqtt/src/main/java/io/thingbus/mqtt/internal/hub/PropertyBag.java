package io.thingbus.mqtt.internal.hub;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.UserProperty;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The property bag at the end of a telemetry topic (the Azure IoT convention):
 * {@code devices/{deviceId}/messages/events/name1=value1&name2=value2}, each name and value
 * percent-encoded UTF-8. A pair without {@code =} is a name with an empty value; empty pairs and one
 * trailing {@code /} are ignored; {@code +} is a plus sign, not a space. System properties keep their
 * names ({@code $.ct} content type, {@code $.ce} content encoding, {@code $.mid} message id,
 * {@code $.cid} correlation id, ...).
 */
final class PropertyBag {

    private PropertyBag() {
    }

    /**
     * The properties of {@code topic} from {@code start} on, in the order sent, duplicates kept.
     *
     * @throws ThingbusException {@link ErrorCode#PAYLOAD_FORMAT_INVALID} for a {@code %} not followed by two hex
     *                           digits, bytes that are not UTF-8, or an empty name
     */
    static List<UserProperty> parse(String topic, int start) {
        int end = topic.endsWith("/") ? topic.length() - 1 : topic.length();
        if (start >= end) {
            return List.of();
        }
        List<UserProperty> properties = new ArrayList<>();
        int pairStart = start;
        while (pairStart <= end) {
            int pairEnd = topic.indexOf('&', pairStart);
            if (pairEnd < 0 || pairEnd > end) {
                pairEnd = end;
            }
            if (pairEnd > pairStart) {
                int equals = topic.indexOf('=', pairStart);
                int nameEnd = equals < 0 || equals > pairEnd ? pairEnd : equals;
                if (nameEnd == pairStart) {
                    throw invalid("a property without a name");
                }
                String name = decode(topic, pairStart, nameEnd);
                String value = nameEnd == pairEnd ? "" : decode(topic, nameEnd + 1, pairEnd);
                properties.add(new UserProperty(name, value));
            }
            pairStart = pairEnd + 1;
        }
        return properties;
    }

    /** Percent-decodes {@code text[start, end)} as UTF-8. */
    static String decode(String text, int start, int end) {
        int percent = text.indexOf('%', start);
        if (percent < 0 || percent >= end) {
            return text.substring(start, end);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= end) {
                    throw invalid("'%' must be followed by two hex digits");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw invalid("'%' must be followed by two hex digits");
                }
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                int codePointEnd = Character.isHighSurrogate(c) && i + 1 < end ? i + 2 : i + 1;
                bytes.writeBytes(text.substring(i, codePointEnd).getBytes(StandardCharsets.UTF_8));
                i = codePointEnd;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw invalid("percent-encoded bytes that are not UTF-8");
        }
    }

    private static ThingbusException invalid(String why) {
        return new ThingbusException(ErrorCode.PAYLOAD_FORMAT_INVALID, "invalid property bag: " + why);
    }
}
