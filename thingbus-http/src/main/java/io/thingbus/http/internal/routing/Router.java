package io.thingbus.http.internal.routing;

import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.registry.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Method plus path template to handler. Among templates matching a path the most specific wins
 * (literal segments before parameters); a path that matches only for other methods resolves to
 * {@link Resolution.MethodNotAllowed}. Every route under {@link #API_PREFIX} needs a role, and no
 * route outside it may have one, so the authentication rule ("the API needs a token") is a
 * property of the path, checked before routing, and cannot be forgotten on one route. The one
 * exception is declared as such: a {@link Builder#deviceRoute device route} is under the API and
 * authenticates a device instead of a principal.
 */
public final class Router {

    /** Everything below this path needs a bearer token. */
    public static final String API_PREFIX = "/api/v1";

    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = routes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the decoded path is part of the API, which needs a token (unknown paths included). */
    public static boolean isApiPath(String path) {
        return path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/");
    }

    public Resolution resolve(HttpMethod method, String rawPath) {
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = route.template().match(rawPath);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Resolution.Found(route, parameters);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Resolution.NotFound() : new Resolution.MethodNotAllowed(allowed);
    }

    /** Every route, most specific first. */
    public List<Route> routes() {
        return routes;
    }

    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();

        /** A route anyone may call; its path must be outside {@link #API_PREFIX}. */
        public Builder publicRoute(HttpMethod method, String template, RouteHandler handler) {
            PathTemplate parsed = PathTemplate.parse(template);
            if (isApiPath(template)) {
                throw new IllegalArgumentException("API routes need a role: " + template);
            }
            return add(new Route(method, parsed, RouteAccess.PUBLIC, null, handler));
        }

        /** An API route: its path must be under {@link #API_PREFIX}, its callers hold {@code role} or more. */
        public Builder route(HttpMethod method, String template, Role role, RouteHandler handler) {
            PathTemplate parsed = PathTemplate.parse(template);
            if (!isApiPath(template) || role == null) {
                throw new IllegalArgumentException("only routes under " + API_PREFIX + " take a role: " + template);
            }
            return add(new Route(method, parsed, RouteAccess.PRINCIPAL, role, handler));
        }

        /**
         * An API route a device calls: its path must be under {@link #API_PREFIX}; no bearer token is asked
         * for, and {@code handler} must authenticate the device from the request itself (see
         * {@link RouteAccess#DEVICE}).
         */
        public Builder deviceRoute(HttpMethod method, String template, RouteHandler handler) {
            PathTemplate parsed = PathTemplate.parse(template);
            if (!isApiPath(template)) {
                throw new IllegalArgumentException("device routes are API routes, under " + API_PREFIX + ": " + template);
            }
            return add(new Route(method, parsed, RouteAccess.DEVICE, null, handler));
        }

        private Builder add(Route route) {
            for (Route existing : routes) {
                if (existing.method().equals(route.method())
                        && existing.template().toString().equals(route.template().toString())) {
                    throw new IllegalArgumentException("duplicate route " + route);
                }
            }
            routes.add(route);
            return this;
        }

        public Router build() {
            List<Route> ordered = new ArrayList<>(routes);
            ordered.sort(Comparator.comparingLong((Route route) -> route.template().specificity()).reversed());
            return new Router(List.copyOf(ordered));
        }
    }
}
