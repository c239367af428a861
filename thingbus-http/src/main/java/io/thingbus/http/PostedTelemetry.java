package io.thingbus.http;

import io.thingbus.telemetry.TelemetryRecord;

/**
 * Told of every message a device posted over HTTP, once it is durable and before the 202, so the hub
 * can do for it what MQTT telemetry gets: route it to the MQTT subscribers of the device's telemetry
 * topic and note the device's activity. Called on an API worker; must not block for long.
 */
@FunctionalInterface
public interface PostedTelemetry {

    /** Does nothing (tests of the HTTP side alone). */
    PostedTelemetry NONE = (record, remoteAddress) -> { };

    void posted(TelemetryRecord record, String remoteAddress);
}
