package io.thingbus.sim.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link ScenarioResult}s as JSON files. */
public final class ResultFiles {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes {@code result} to {@code file}, creating parent directories. */
    public void write(Path file, ScenarioResult result) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), result);
    }

    /** The result stored in {@code file}. */
    public ScenarioResult read(Path file) throws IOException {
        return mapper.readValue(file.toFile(), ScenarioResult.class);
    }
}
