package io.thingbus.sim.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where results and progress go. */
public final class OutputOptions {

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    Path json;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr, only the summary.")
    boolean quiet;
}
