package io.thingbus.server.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Tags as a command line writes them ({@code --tag NAME=VALUE}) and as a command prints them ({@code name=value, ...}). */
public final class TagArguments {

    private TagArguments() {
    }

    /** The {@code --tag NAME=VALUE} options of a command, in order; one without {@code =} is a usage error. */
    public static Map<String, String> parse(List<String> arguments, CommandSpec spec) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw new ParameterException(spec.commandLine(), "--tag takes NAME=VALUE, was '" + argument + "'");
            }
            tags.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        return tags;
    }

    /** A {@code tags} object of the API as {@code name=value, name=value} in name order, or empty. */
    public static String format(JsonNode tags) {
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
            sorted.put(tag.getKey(), tag.getValue().asText());
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join(", ", pairs);
    }
}
