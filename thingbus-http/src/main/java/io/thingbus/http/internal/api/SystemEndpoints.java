package io.thingbus.http.internal.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.thingbus.http.internal.routing.Response;
import java.util.Map;

/** The unauthenticated endpoints for machines: {@code GET /health} and {@code GET /metrics}. */
public final class SystemEndpoints {

    /** Prometheus text exposition format 0.0.4. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HubMetrics metrics;

    public SystemEndpoints(HubMetrics metrics) {
        this.metrics = metrics;
    }

    /** 200 {@code {"status":"UP"}} while the hub answers at all; load balancers and probes call it. */
    public Response health() {
        return Response.ok(Map.of("status", "UP"));
    }

    public Response metrics() {
        return Response.text(HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.scrape());
    }
}
