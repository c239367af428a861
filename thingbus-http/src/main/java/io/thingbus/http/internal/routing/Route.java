package io.thingbus.http.internal.routing;

import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.registry.Role;

/**
 * A method and path template bound to a handler, with who may call it and, for {@link RouteAccess#PRINCIPAL}
 * routes, the least role (null otherwise).
 */
public record Route(HttpMethod method, PathTemplate template, RouteAccess access, Role requiredRole,
                    RouteHandler handler) {

    /** Whether the handler authenticates a device itself, so the dispatcher wants no bearer token. */
    public boolean authenticatesDevice() {
        return access == RouteAccess.DEVICE;
    }

    @Override
    public String toString() {
        return method + " " + template + " (" + switch (access) {
            case PUBLIC -> "public";
            case DEVICE -> "device";
            case PRINCIPAL -> requiredRole.wireName();
        } + ")";
    }
}
