package io.thingbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThingbusServerTest {

    @TempDir
    Path dataDir;

    @Test
    void startsOnFreePortsAndWritesThemToPortsJson() throws Exception {
        try (ThingbusServer server = ThingbusServer.start(ServerConfig.ephemeral(dataDir.resolve("nested")))) {
            assertThat(server.mqttPort()).isPositive();
            assertThat(server.httpPort()).isPositive().isNotEqualTo(server.mqttPort());
            String ports = Files.readString(dataDir.resolve("nested").resolve("ports.json"));
            assertThat(ports).isEqualTo("{\"mqtt\": " + server.mqttPort() + ", \"http\": " + server.httpPort() + "}\n");
            assertAccepts(server.mqttPort());
            assertAccepts(server.httpPort());
        }
    }

    private static void assertAccepts(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
