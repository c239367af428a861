package io.thingbus.sim.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

    private final ResultFiles files = new ResultFiles();

    @Test
    void writesAndReadsBackAResult(@TempDir Path directory) throws IOException {
        ScenarioResult result = ResultFixtures.fanIn(1234.5, 0.75, List.of("a problem"));
        Path file = directory.resolve("nested/result.json");

        files.write(file, result);

        assertThat(files.read(file)).isEqualTo(result);
    }

    @Test
    void theFileSaysWhetherTheRunPassed(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("result.json");

        files.write(file, ResultFixtures.fanIn(1, 1, List.of()));

        assertThat(Files.readString(file)).contains("\"passed\" : true", "\"name\" : \"throughput\"",
                "\"better\" : \"HIGHER\"");
    }
}
