package io.thingbus.server.cli.device;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --tag NAME=VALUE} options of a command; one without {@code =} is a usage error. */
final class TagArguments {

    private TagArguments() {
    }

    static Map<String, String> parse(List<String> arguments, CommandSpec spec) {
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
}
