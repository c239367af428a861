package io.thingbus.http.internal.routing;

import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.registry.Role;

/**
 * A method and path template bound to a handler, with the least role that may call it (null for a
 * public route outside the API).
 */
public record Route(HttpMethod method, PathTemplate template, Role requiredRole, RouteHandler handler) {

    public boolean isPublic() {
        return requiredRole == null;
    }

    @Override
    public String toString() {
        return method + " " + template + (isPublic() ? " (public)" : " (" + requiredRole.wireName() + ")");
    }
}
