package io.thingbus.server;

import io.thingbus.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@code {data-dir}/ports.json}, {@code {"mqtt": 1883, "http": 8080, "mqtts": 8883, "https": 8443}}
 * (-1 for a disabled listener), atomically, so scripts can find a hub started on port 0. Scripts rely on
 * {@code "mqtt"} and {@code "http"} coming first, as they always have.
 */
final class PortsFile {

    static final String FILE_NAME = "ports.json";

    private PortsFile() {
    }

    static void write(Path dataDir, int mqttPort, int httpPort, int mqttsPort, int httpsPort) {
        String json = "{\"mqtt\": " + mqttPort + ", \"http\": " + httpPort
                + ", \"mqtts\": " + mqttsPort + ", \"https\": " + httpsPort + "}\n";
        Path target = dataDir.resolve(FILE_NAME);
        try {
            AtomicFiles.write(target, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target.toAbsolutePath(), e);
        }
    }
}
