package io.thingbus.http.internal.routing;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Set;

/** What the router made of a method and path. */
public sealed interface Resolution {

    /** A route for this method and path, with the decoded path parameters. */
    record Found(Route route, Map<String, String> parameters) implements Resolution {
    }

    /** The path exists, but not for this method; {@code allowed} goes into the Allow header. */
    record MethodNotAllowed(Set<HttpMethod> allowed) implements Resolution {
    }

    /** No route has this path. */
    record NotFound() implements Resolution {
    }
}
