package io.thingbus.http.internal.routing;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path such as {@code /api/v1/principals/{name}}: literal segments and {@code {param}} segments,
 * each parameter matching one whole non-empty segment. Matching works on the raw (still
 * percent-encoded) path, split at {@code /}, so an encoded slash stays inside its segment; each
 * parameter value is decoded afterwards.
 */
public final class PathTemplate {

    private final String template;
    private final List<String> segments;
    private final List<Boolean> parameters;

    private PathTemplate(String template, List<String> segments, List<Boolean> parameters) {
        this.template = template;
        this.segments = segments;
        this.parameters = parameters;
    }

    /** Parses a template; refuses one without a leading slash, with empty segments or a malformed parameter. */
    public static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + template);
        }
        List<String> segments = new ArrayList<>();
        List<Boolean> parameters = new ArrayList<>();
        for (String segment : split(template)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("empty segment in path template " + template);
            }
            boolean parameter = segment.startsWith("{") && segment.endsWith("}");
            String name = parameter ? segment.substring(1, segment.length() - 1) : segment;
            if (parameter ? !name.matches("[A-Za-z][A-Za-z0-9]*") : segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in path template " + template);
            }
            if (parameter && segments.contains(name) && parameters.get(segments.indexOf(name))) {
                throw new IllegalArgumentException("parameter {" + name + "} twice in path template " + template);
            }
            segments.add(name);
            parameters.add(parameter);
        }
        return new PathTemplate(template, List.copyOf(segments), List.copyOf(parameters));
    }

    /** The decoded parameters when {@code rawPath} matches, else null. */
    public Map<String, String> match(String rawPath) {
        List<String> actual = split(rawPath);
        if (actual.size() != segments.size()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = actual.get(i);
            if (parameters.get(i)) {
                if (segment.isEmpty()) {
                    return null;
                }
                values.put(segments.get(i), decodePathSegment(segment));
            } else if (!segments.get(i).equals(decodePathSegment(segment))) {
                return null;
            }
        }
        return values;
    }

    /**
     * How specific the template is, for choosing between templates that match the same path: a
     * literal segment outranks a parameter, earlier segments first ({@code /principals/me} before
     * {@code /principals/{name}}).
     */
    long specificity() {
        long rank = 0;
        for (boolean parameter : parameters) {
            rank = rank * 2 + (parameter ? 0 : 1);
        }
        return rank;
    }

    @Override
    public String toString() {
        return template;
    }

    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        if (!path.startsWith("/")) {
            segments.add(path);
            return segments;
        }
        int start = 1;
        if (path.length() == 1) {
            return segments;
        }
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                segments.add(path.substring(start));
                return segments;
            }
            segments.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    /** Percent-decodes one path segment; unlike a query component, '+' stays a plus sign. */
    private static String decodePathSegment(String segment) {
        return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"));
    }
}
