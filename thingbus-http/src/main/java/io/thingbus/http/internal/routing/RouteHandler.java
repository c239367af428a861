package io.thingbus.http.internal.routing;

/**
 * One endpoint. Runs on the connection's event loop, which it shares with MQTT connections: it must
 * not block. It answers with a {@link Response} or throws {@link io.thingbus.errors.ThingbusException}
 * for a problem the caller can act on; anything else becomes a 500.
 */
@FunctionalInterface
public interface RouteHandler {

    Response handle(Request request);
}
