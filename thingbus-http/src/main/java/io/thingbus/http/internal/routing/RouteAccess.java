package io.thingbus.http.internal.routing;

/** Who may call a route, and so whether the dispatcher asks for a bearer token before routing to it. */
public enum RouteAccess {
    /** Anyone: {@code /health}, {@code /metrics}; never under {@link Router#API_PREFIX}. */
    PUBLIC,
    /** A service principal's bearer token, with at least the route's role; every API route but the device ones. */
    PRINCIPAL,
    /**
     * A device, under {@link Router#API_PREFIX}: the dispatcher asks for no bearer token, and the handler
     * itself authenticates the device from the {@code Authorization} header (a SAS token signed with the
     * device's key). The handler must refuse a request it cannot authenticate.
     */
    DEVICE
}
