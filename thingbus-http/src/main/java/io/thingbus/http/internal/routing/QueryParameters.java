package io.thingbus.http.internal.routing;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of a request, checked against the ones an endpoint takes: an unknown or repeated
 * parameter is {@link ErrorCode#BAD_REQUEST} naming it (a typo must not widen a query silently), and each
 * accessor refuses a value of the wrong form.
 */
public final class QueryParameters {

    private final Map<String, List<String>> query;

    private QueryParameters(Map<String, List<String>> query) {
        this.query = query;
    }

    /** @throws ThingbusException BAD_REQUEST for a parameter not in {@code allowed}, or given twice */
    public static QueryParameters of(Request request, Set<String> allowed) {
        for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
            if (!allowed.contains(parameter.getKey())) {
                throw badRequest("unknown query parameter '" + parameter.getKey() + "' (expected "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            if (parameter.getValue().size() > 1) {
                throw badRequest("query parameter '" + parameter.getKey() + "' given more than once");
            }
        }
        return new QueryParameters(request.query());
    }

    /** The value, or null when absent. */
    public String text(String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.getFirst();
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public long number(String name, long min, long max, long fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", was '" + value + "'");
    }

    /** An ISO-8601 instant ({@code 2026-01-01T00:00:00Z}), or {@code fallback} when absent. */
    public Instant instant(String name, Instant fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '" + value + "'");
        }
    }

    private static ThingbusException badRequest(String detail) {
        return new ThingbusException(ErrorCode.BAD_REQUEST, detail);
    }
}
