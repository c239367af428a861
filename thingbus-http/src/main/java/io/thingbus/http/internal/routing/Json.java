package io.thingbus.http.internal.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.io.IOException;

/** The API's one JSON mapper, configured once and immutable afterwards (so safe to share). */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** Serializes a response body (records, maps, lists, nodes). */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    /** Parses a request body; {@link ErrorCode#INVALID_JSON} names where it broke, without echoing the body. */
    public static JsonNode read(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ThingbusException(ErrorCode.INVALID_JSON, "the body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new ThingbusException(ErrorCode.INVALID_JSON, "the body is not valid JSON");
        }
    }

    /** The shared mapper, for tests and for reading documents shipped as resources. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
