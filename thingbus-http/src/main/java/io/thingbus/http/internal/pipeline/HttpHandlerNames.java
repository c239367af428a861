package io.thingbus.http.internal.pipeline;

/** The name of every stage of an HTTP connection, before any WebSocket upgrade. */
public final class HttpHandlerNames {

    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_IDLE = "http-idle";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String HTTP_REQUESTS = "http-requests";

    private HttpHandlerNames() {
    }
}
