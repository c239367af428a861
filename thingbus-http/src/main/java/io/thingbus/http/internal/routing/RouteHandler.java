package io.thingbus.http.internal.routing;

/**
 * One endpoint. API routes run on the HTTP server's workers and may block (on the store, for
 * instance); public routes run on the connection's event loop, which they share with MQTT
 * connections, and must not. It answers with a {@link Response} or throws
 * {@link io.thingbus.errors.ThingbusException} for a problem the caller can act on; anything else
 * becomes a 500.
 */
@FunctionalInterface
public interface RouteHandler {

    Response handle(Request request);
}
