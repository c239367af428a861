package io.thingbus.http.internal.devices;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.DeviceRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/devices/import}: registers the devices of a CSV ({@code text/csv}, see
 * {@link CsvDeviceLines}) or NDJSON ({@code application/x-ndjson}, see {@link NdjsonDeviceLines}) body, in
 * file order (so gateways go before their children). A line that fails does not stop the others. Answers
 * {@code {"created": n, "failed": [{"line", "deviceId", "code", "detail"}]}}; keys are not in the answer
 * (read them one device at a time). The body is bounded by the HTTP port's limit like any other.
 */
public final class DeviceImportEndpoint {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";

    private static final Logger log = LoggerFactory.getLogger(DeviceImportEndpoint.class);

    private final DeviceRegistry registry;

    public DeviceImportEndpoint(DeviceRegistry registry) {
        this.registry = registry;
    }

    public Response importDevices(Request request) {
        String mediaType = mediaType(request);
        if (!request.hasBody()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "the body is empty: send the devices to import");
        }
        String text = new String(request.body(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<ImportLine> lines = mediaType.equals(CSV) ? CsvDeviceLines.parse(text) : NdjsonDeviceLines.parse(text);
        int created = 0;
        List<Map<String, Object>> failed = new ArrayList<>();
        for (ImportLine line : lines) {
            switch (line) {
                case ImportLine.Parsed parsed -> {
                    DeviceSpec spec = parsed.spec();
                    try {
                        registry.create(spec.deviceId(), spec.tags(), spec.parentId(), -1);
                        created++;
                    } catch (ThingbusException refused) {
                        failed.add(failure(line.line(), spec.deviceId(), refused.code(), refused.detail()));
                    }
                }
                case ImportLine.Unreadable unreadable ->
                        failed.add(failure(line.line(), unreadable.deviceId(), unreadable.code(), unreadable.detail()));
            }
        }
        log.info("[http principal={}] device import ({}): {} created, {} lines failed", request.principal().name(),
                mediaType, created, failed.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("created", created);
        answer.put("failed", failed);
        return Response.ok(answer);
    }

    private static String mediaType(Request request) {
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(CSV) && !mediaType.equals(NDJSON)) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "Content-Type must be " + CSV + " or " + NDJSON
                    + ", was '" + (contentType == null ? "" : contentType) + "'");
        }
        return mediaType;
    }

    private static Map<String, Object> failure(int line, String deviceId, ErrorCode code, String detail) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("line", line);
        failure.put("deviceId", deviceId);
        failure.put("code", code.name());
        failure.put("detail", detail);
        return failure;
    }
}
