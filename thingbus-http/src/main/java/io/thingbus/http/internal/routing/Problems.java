package io.thingbus.http.internal.routing;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.thingbus.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): {@code type} (a tag URI
 * per error code, stable, not meant to be fetched), {@code title} (the code's description, the same
 * for every occurrence), {@code status}, {@code detail} (this occurrence, never a stack trace or a
 * secret), {@code instance} (the request path) and the extension member {@code code}, the
 * {@link ErrorCode} name that clients switch on.
 */
public final class Problems {

    /** The prefix of every problem type; the code in kebab case follows. */
    public static final String TYPE_PREFIX = "tag:thingbus.io,2026:problem:";

    private Problems() {
    }

    public static String type(ErrorCode code) {
        return TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Response of(ErrorCode code, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type(code));
        problem.put("title", code.description());
        problem.put("status", code.httpStatus());
        problem.put("detail", detail);
        problem.put("instance", instance);
        problem.put("code", code.name());
        return new Response(HttpResponseStatus.valueOf(code.httpStatus()), Response.PROBLEM_JSON, Json.write(problem),
                Map.of());
    }
}
