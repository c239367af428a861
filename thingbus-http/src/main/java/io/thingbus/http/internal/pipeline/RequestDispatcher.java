package io.thingbus.http.internal.pipeline;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.auth.AuthenticationFailure;
import io.thingbus.http.internal.auth.BearerAuthenticator;
import io.thingbus.http.internal.routing.Problems;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Resolution;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.http.internal.routing.RouteAccess;
import io.thingbus.http.internal.routing.Router;
import io.thingbus.registry.ServicePrincipal;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to one response, in this order: authenticate (API paths only, so an unknown API path
 * without a token is 401, not 404), route (404, 405 with Allow), check the role (403), run the
 * handler. A device route (an API path whose handler authenticates the device itself) is the one
 * API route reached without a bearer token. Every failure becomes problem+json; an unexpected
 * exception is logged here and answered 500 without its message.
 */
public final class RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Router router;
    private final BearerAuthenticator authenticator;

    public RequestDispatcher(Router router, BearerAuthenticator authenticator) {
        this.router = router;
        this.authenticator = authenticator;
    }

    /** @param remoteAddress the peer's IP address */
    public Response dispatch(HttpMethod method, String uri, HttpHeaders headers, byte[] body, String remoteAddress) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        String rawPath = decoder.rawPath();
        String path = decoder.path();
        try {
            Resolution resolution = router.resolve(method, rawPath);
            boolean deviceRoute = resolution instanceof Resolution.Found found && found.route().authenticatesDevice();
            ServicePrincipal principal = Router.isApiPath(path) && !deviceRoute ? authenticator.authenticate(headers) : null;
            return switch (resolution) {
                case Resolution.NotFound notFound -> Problems.of(ErrorCode.NOT_FOUND,
                        "nothing here; the API is under " + Router.API_PREFIX + " (see " + Router.API_PREFIX
                                + "/openapi.json)", rawPath);
                case Resolution.MethodNotAllowed notAllowed -> Problems.of(ErrorCode.METHOD_NOT_ALLOWED,
                        method + " is not allowed here", rawPath)
                        .withHeader(HttpHeaderNames.ALLOW.toString(), notAllowed.allowed().stream()
                                .map(HttpMethod::name).collect(Collectors.joining(", ")));
                case Resolution.Found found -> run(found, new Request(method, path, found.parameters(), decoder.parameters(),
                        headers, body, principal, remoteAddress));
            };
        } catch (AuthenticationFailure failure) {
            return Problems.of(failure.code(), failure.detail(), rawPath)
                    .withHeader(HttpHeaderNames.WWW_AUTHENTICATE.toString(), failure.challenge());
        } catch (ThingbusException problem) {
            return Problems.of(problem.code(), problem.detail(), rawPath);
        } catch (RuntimeException unexpected) {
            log.error("[http {} {}] unexpected error, answered 500", method, rawPath, unexpected);
            return Problems.of(ErrorCode.UNSPECIFIED, "unexpected error; the hub's log has the details", rawPath);
        }
    }

    private static Response run(Resolution.Found found, Request request) {
        ServicePrincipal principal = request.principal();
        if (found.route().access() == RouteAccess.PRINCIPAL && !principal.role().includes(found.route().requiredRole())) {
            throw new ThingbusException(ErrorCode.NOT_AUTHORIZED, "role " + principal.role().wireName()
                    + " may not do this; it needs " + found.route().requiredRole().wireName());
        }
        return found.route().handler().handle(request);
    }
}
