package io.thingbus.sim.bench;

import io.thingbus.sim.bench.report.Comparison;
import io.thingbus.sim.bench.report.ResultFiles;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench compare}: two JSON results side by side, with the ratio per figure. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Print two results of the same scenario (written with --json) side by side, with the ratio "
                + "first / second for each figure. Exit code 1 if either run failed."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "2", paramLabel = "LABEL=FILE",
            description = "Two results, each as a label and a JSON file, e.g. thingbus=tb.json mosquitto=mq.json.")
    List<String> results;

    @Override
    public Integer call() throws IOException {
        ResultFiles files = new ResultFiles();
        ScenarioResult first = files.read(fileOf(results.get(0)));
        ScenarioResult second = files.read(fileOf(results.get(1)));
        if (!first.scenario().equals(second.scenario())) {
            throw new ParameterException(spec.commandLine(),
                    "cannot compare a " + first.scenario() + " result with a " + second.scenario() + " result");
        }
        Comparison comparison = new Comparison(labelOf(results.get(0)), first, labelOf(results.get(1)), second);
        spec.commandLine().getOut().print(comparison.format());
        spec.commandLine().getOut().flush();
        return first.passed() && second.passed() ? ExitCode.OK : ExitCode.SOFTWARE;
    }

    private String labelOf(String labelAndFile) {
        return split(labelAndFile)[0];
    }

    private Path fileOf(String labelAndFile) {
        return Path.of(split(labelAndFile)[1]);
    }

    private String[] split(String labelAndFile) {
        int equals = labelAndFile.indexOf('=');
        if (equals <= 0 || equals == labelAndFile.length() - 1) {
            throw new ParameterException(spec.commandLine(), "expected LABEL=FILE, got '" + labelAndFile + "'");
        }
        return new String[] {labelAndFile.substring(0, equals), labelAndFile.substring(equals + 1)};
    }
}
