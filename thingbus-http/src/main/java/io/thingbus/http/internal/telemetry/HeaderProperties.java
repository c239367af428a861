package io.thingbus.http.internal.telemetry;

import io.netty.handler.codec.http.HttpHeaders;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.UserProperty;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The application properties of a message posted over HTTP: one header {@code iothub-app-NAME: VALUE} per
 * property, as Azure IoT device SDKs send them. The name is the rest of the header name as sent; the value
 * is the header's bytes read as UTF-8. A property sent more than once keeps every value, in order.
 *
 * <p>Refused with {@link ErrorCode#BAD_REQUEST}: an empty name, more than {@value #MAX_PROPERTIES}
 * properties, a name or value over {@value #MAX_TEXT_BYTES} bytes, a value that is not UTF-8 or holds a
 * control character.
 */
final class HeaderProperties {

    /** The header name prefix of an application property (header names are case-insensitive). */
    static final String PREFIX = "iothub-app-";
    static final int MAX_PROPERTIES = 64;
    static final int MAX_TEXT_BYTES = 1024;

    private HeaderProperties() {
    }

    static List<UserProperty> of(HttpHeaders headers) {
        List<UserProperty> properties = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            String headerName = header.getKey();
            if (!headerName.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                continue;
            }
            String name = headerName.substring(PREFIX.length());
            if (name.isEmpty()) {
                throw invalid("a property header needs a name after '" + PREFIX + "'");
            }
            if (properties.size() == MAX_PROPERTIES) {
                throw invalid("at most " + MAX_PROPERTIES + " properties per message");
            }
            properties.add(new UserProperty(checked(name, "name"), checked(utf8(header.getValue(), name), "value")));
        }
        return properties;
    }

    /** Netty reads header bytes as ISO-8859-1, one char per byte: read those bytes again as UTF-8. */
    private static String utf8(String latin1, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the value of property '" + name + "' is not UTF-8");
        }
    }

    private static String checked(String text, String what) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw invalid("a property " + what + " is at most " + MAX_TEXT_BYTES + " bytes");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw invalid("a property " + what + " must not hold control characters");
        }
        return text;
    }

    private static ThingbusException invalid(String detail) {
        return new ThingbusException(ErrorCode.BAD_REQUEST, "invalid property bag: " + detail);
    }
}
