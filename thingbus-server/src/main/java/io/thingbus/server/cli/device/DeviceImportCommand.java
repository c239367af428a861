package io.thingbus.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.TextTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus device import FILE}: registers the devices of a {@code .csv} or {@code .ndjson} (also
 * {@code .jsonl}) file in one request. Exits 0 when every line made a device, 1 when some failed (the
 * others are registered); the failures are listed by line.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Register the devices of a CSV file (header deviceId,parentId,tags or tag.NAME columns) or an"
                + " NDJSON file (one create body per line). Exits 1 when some lines failed.")
public final class DeviceImportCommand implements Callable<Integer> {

    /** The exit code when some lines failed and others were imported. */
    static final int SOME_FAILED = 1;

    @ParentCommand
    DeviceCommand device;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .csv, .ndjson or .jsonl file.")
    Path file;

    @Override
    public Integer call() throws InterruptedException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String contentType;
        if (name.endsWith(".csv")) {
            contentType = "text/csv";
        } else if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            contentType = "application/x-ndjson";
        } else {
            throw new ParameterException(spec.commandLine(), "the file must end in .csv, .ndjson or .jsonl: " + file);
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException unreadable) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + unreadable.getMessage());
        }
        String answer = device.client(api).send("POST", DeviceCommand.DEVICES + "/import", contentType, body);
        JsonNode result = ApiClient.parse(answer);
        api.print(spec.commandLine().getOut(), answer, this::summary);
        return result.path("failed").isEmpty() ? 0 : SOME_FAILED;
    }

    private void summary(JsonNode result) {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode failed = result.path("failed");
        out.println("devices created: " + result.path("created").asInt() + ", lines failed: " + failed.size());
        if (!failed.isEmpty()) {
            TextTable table = new TextTable("LINE", "DEVICE ID", "CODE", "DETAIL");
            for (JsonNode failure : failed) {
                table.row(failure.path("line").asText(), TextTable.cell(failure.get("deviceId")),
                        failure.path("code").asText(), failure.path("detail").asText());
            }
            table.print(out);
        }
        out.flush();
    }
}
