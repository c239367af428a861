package io.thingbus.http.internal.api;

import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.http.internal.routing.Router;
import io.thingbus.registry.Role;

/** Every route of the HTTP port, in one table. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    public static Router router(SystemEndpoints system, OpenApiDocument openApi, PrincipalEndpoints principals) {
        return Router.builder()
                .publicRoute(HttpMethod.GET, "/health", request -> system.health())
                .publicRoute(HttpMethod.GET, "/metrics", request -> system.metrics())
                .route(HttpMethod.GET, "/api/v1/openapi.json", Role.READER, request -> openApi.serve())
                .route(HttpMethod.GET, "/api/v1/principals/me", Role.READER, principals::me)
                .route(HttpMethod.GET, "/api/v1/principals", Role.ADMIN, principals::list)
                .route(HttpMethod.POST, "/api/v1/principals", Role.ADMIN, principals::create)
                .route(HttpMethod.GET, "/api/v1/principals/{name}", Role.ADMIN, principals::show)
                .route(HttpMethod.DELETE, "/api/v1/principals/{name}", Role.ADMIN, principals::remove)
                .build();
    }
}
