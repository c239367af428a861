package io.thingbus.http.internal.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.events.EventJson;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An event as a CSV row (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line
 * break in double quotes, quotes doubled). Columns: {@code enqueuedTime} (ISO-8601 UTC), {@code partition},
 * {@code offset}, {@code contentType} (empty when none), {@code properties} (the event's properties object
 * as JSON), {@code payloadEncoding} ({@code utf-8} or {@code base64}) and {@code payload}: the payload's
 * text when it is UTF-8 without control characters other than tab and line breaks, else its base64.
 */
final class EventCsv {

    static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";
    static final String HEADER = "enqueuedTime,partition,offset,contentType,properties,payloadEncoding,payload\r\n";

    private EventCsv() {
    }

    static String row(TelemetryRecord event) {
        JsonNode properties = EventJson.toJson(event).get("properties");
        String text = text(event.payload());
        StringBuilder row = new StringBuilder(64 + event.payload().length);
        row.append(Instant.ofEpochMilli(event.enqueuedTime())).append(',')
                .append(event.partition()).append(',')
                .append(event.offset()).append(',');
        field(row, event.contentType() == null ? "" : event.contentType()).append(',');
        field(row, new String(Json.write(properties), StandardCharsets.UTF_8)).append(',');
        row.append(text != null ? "utf-8" : "base64").append(',');
        field(row, text != null ? text : Base64.getEncoder().encodeToString(event.payload()));
        return row.append("\r\n").toString();
    }

    private static StringBuilder field(StringBuilder row, String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return row.append(value);
        }
        return row.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** The payload as text, or null when it is not UTF-8 or holds control characters (other than tab, CR, LF). */
    private static String text(byte[] payload) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return null;
            }
        }
        return text;
    }
}
