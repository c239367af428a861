package io.thingbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.server.tls.TlsConfig;
import io.thingbus.server.tls.TlsSetupException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
            assertThat(ports).isEqualTo("{\"mqtt\": " + server.mqttPort() + ", \"http\": " + server.httpPort()
                    + ", \"mqtts\": " + server.mqttsPort() + ", \"https\": " + server.httpsPort() + "}\n");
            assertThat(Set.of(server.mqttPort(), server.httpPort(), server.mqttsPort(), server.httpsPort())).hasSize(4);
            assertAccepts(server.mqttPort());
            assertAccepts(server.httpPort());
            assertAccepts(server.mqttsPort());
            assertAccepts(server.httpsPort());
        }
    }

    @Test
    void firstStartMakesTheTlsCertificatesUnderTheDataDirectory() throws Exception {
        try (ThingbusServer server = ThingbusServer.start(ServerConfig.ephemeral(dataDir))) {
            assertThat(dataDir.resolve("tls")).isDirectoryContaining("glob:**/ca.pem")
                    .isDirectoryContaining("glob:**/ca-key.pem")
                    .isDirectoryContaining("glob:**/server.pem")
                    .isDirectoryContaining("glob:**/server-key.pem");
        }
    }

    @Test
    void tlsListenersCanBeDisabledAndThenNeedNoCertificate() throws Exception {
        ServerConfig config = ServerConfig.ephemeral(dataDir);
        try (ThingbusServer server = ThingbusServer.start(config.withMqtt(config.mqtt().withTlsListeners(-1, -1)))) {
            assertThat(server.mqttsPort()).isEqualTo(-1);
            assertThat(server.httpsPort()).isEqualTo(-1);
            assertThat(Files.readString(dataDir.resolve("ports.json")))
                    .endsWith(", \"mqtts\": -1, \"https\": -1}\n");
            assertThat(dataDir.resolve("tls")).doesNotExist();
        }
    }

    @Test
    void aTakenTlsPortStopsStartUpNamingTheListener() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerConfig config = ServerConfig.ephemeral(dataDir);
            ServerConfig clashing = config.withMqtt(config.mqtt().withTlsListeners(taken.getLocalPort(), 0));

            assertThatThrownBy(() -> ThingbusServer.start(clashing))
                    .hasMessageContaining("cannot listen for MQTT over TLS on 127.0.0.1:" + taken.getLocalPort());
        }
        try (ThingbusServer server = ThingbusServer.start(ServerConfig.ephemeral(dataDir))) {
            assertThat(server.mqttsPort()).as("everything was released: the store opens again").isPositive();
        }
    }

    @Test
    void anUnusableCertificateFileStopsStartUpNamingIt() {
        Path missing = dataDir.resolve("no-such-cert.pem");
        ServerConfig config = ServerConfig.ephemeral(dataDir)
                .withTls(new TlsConfig(missing, dataDir.resolve("key.pem"), List.of()));

        assertThatThrownBy(() -> ThingbusServer.start(config))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString());
        assertThat(dataDir.resolve("store")).as("fails before the store opens").doesNotExist();
    }

    private static void assertAccepts(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
