package io.thingbus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import io.thingbus.server.TelemetryConfig;
import io.thingbus.server.tls.TlsConfig;
import io.thingbus.telemetry.PseudonymisationConfig;
import io.thingbus.telemetry.TelemetryRetention;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandOptionsTest {

    @TempDir
    Path dir;

    private ServerCommand parse(Map<String, String> environment, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "server";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine commandLine = ThingbusCommand.commandLine(all, environment);
        CommandLine.ParseResult result = commandLine.parseArgs(all);
        return (ServerCommand) result.subcommand().commandSpec().userObject();
    }

    @Test
    void builtInDefaultsApplyWhenNothingIsSet() {
        ServerCommand command = parse(Map.of());

        assertThat(command.mqttPort).isEqualTo(1883);
        assertThat(command.httpPort).isEqualTo(8080);
        assertThat(command.host).isEqualTo("0.0.0.0");
        assertThat(command.dataDir).isEqualTo(Path.of("data"));
        assertThat(command.mqttsPort).isEqualTo(8883);
        assertThat(command.httpsPort).isEqualTo(8443);
        assertThat(command.tlsConfig()).isEqualTo(TlsConfig.generated());
    }

    @Test
    void tlsOptionsReachTheConfiguration() {
        ServerCommand command = parse(Map.of("THINGBUS_TLS_SAN", "hub.example.org,10.0.0.5"),
                "--mqtts-port", "0", "--https-port", "443", "--tls-cert", "/etc/hub/cert.pem", "--tls-key", "/etc/hub/key.pem");

        assertThat(command.mqttConfig().tlsPort()).isZero();
        assertThat(command.mqttConfig().secureWebSocketPort()).isEqualTo(443);
        assertThat(command.tlsConfig()).isEqualTo(new TlsConfig(Path.of("/etc/hub/cert.pem"), Path.of("/etc/hub/key.pem"),
                List.of("hub.example.org", "10.0.0.5")));
    }

    @Test
    void tlsListenersCanBeDisabled() {
        ServerCommand command = parse(Map.of(), "--mqtts-port", "-1", "--https-port", "-1");

        assertThat(command.mqttConfig().tlsEnabled()).isFalse();
    }

    @Test
    void aCertificateWithoutItsKeyIsAUsageError() {
        ServerCommand command = parse(Map.of(), "--tls-cert", "/etc/hub/cert.pem");

        assertThatThrownBy(command::tlsConfig)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--tls-cert needs --tls-key");
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("thingbus.properties"),
                "mqtt-port=1001\nhttp-port=1002\nhost=127.0.0.2\n");
        Map<String, String> environment = Map.of("THINGBUS_HTTP_PORT", "2002", "THINGBUS_HOST", "127.0.0.3");

        ServerCommand command = parse(environment, "--config", config.toString(), "--host", "127.0.0.4");

        assertThat(command.mqttPort).as("from the file").isEqualTo(1001);
        assertThat(command.httpPort).as("environment over file").isEqualTo(2002);
        assertThat(command.host).as("command line over both").isEqualTo("127.0.0.4");
    }

    @Test
    void configFileCanBeNamedByEnvironment() throws IOException {
        Path config = Files.writeString(dir.resolve("c.properties"), "max-queued-messages=7\n");

        ServerCommand command = parse(Map.of("THINGBUS_CONFIG", config.toString()));

        assertThat(command.maxQueuedMessages).isEqualTo(7);
    }

    @Test
    void anOutOfRangeValueIsAUsageErrorNamingIt() {
        ServerCommand command = parse(Map.of(), "--mqtt-port", "70000");

        assertThatThrownBy(command::mqttConfig)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("port must be between 0 and 65535, was 70000");
    }

    @Test
    void theEnvironmentDoesNotReachOtherCommands() {
        String[] args = {"bench", "fanin"};
        CommandLine commandLine = ThingbusCommand.commandLine(args, Map.of("THINGBUS_HOST", "0.0.0.0"));

        CommandLine.ParseResult result = commandLine.parseArgs(args);

        CommandLine.ParseResult fanin = result.subcommand().subcommand();
        assertThat(fanin.commandSpec().findOption("--host").<String>getValue()).isEqualTo("127.0.0.1");
    }

    @Test
    void environmentNamesFollowTheOptionNames() {
        assertThat(ConfigDefaultProvider.environmentName("max-packet-size")).isEqualTo("THINGBUS_MAX_PACKET_SIZE");
    }

    @Test
    void adminTokenComesFromTheEnvironmentOnlyAndIsNeverPrinted() {
        String token = "environment-admin-token-0123456789abcdef";

        ServerCommand command = parse(Map.of("THINGBUS_ADMIN_TOKEN", token));

        assertThat(command.apiConfig().adminToken()).isEqualTo(token);
        assertThat(command.apiConfig().toString()).doesNotContain(token);
        assertThat(parse(Map.of()).apiConfig().adminToken()).isNull();
    }

    @Test
    void shortAdminTokenIsAUsageError() {
        ServerCommand command = parse(Map.of("THINGBUS_ADMIN_TOKEN", "changeme"));

        assertThatThrownBy(command::apiConfig)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("THINGBUS_ADMIN_TOKEN").hasMessageNotContaining("changeme");
    }

    @Test
    void hostnameIsLocalhostUnlessTheOptionOrTheEnvironmentSaysOtherwise() {
        assertThat(parse(Map.of()).apiConfig().http().hostname()).isEqualTo("localhost");
        assertThat(parse(Map.of("THINGBUS_HOSTNAME", "hub.example.org")).apiConfig().http().hostname())
                .isEqualTo("hub.example.org");
        assertThat(parse(Map.of("THINGBUS_HOSTNAME", "hub.example.org"), "--hostname", "10.0.0.5")
                .apiConfig().http().hostname()).isEqualTo("10.0.0.5");
    }

    @Test
    void aHostnameThatWouldBreakAConnectionStringIsAUsageError() {
        ServerCommand command = parse(Map.of(), "--hostname", "hub;DeviceId=x");

        assertThatThrownBy(command::apiConfig)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("hostname");
    }

    @Test
    void telemetryDefaultsAreTheConfigurationsDefaults() {
        assertThat(parse(Map.of()).telemetryConfig()).isEqualTo(TelemetryConfig.defaults());
    }

    @Test
    void telemetryOptionsReachTheConfiguration() {
        ServerCommand command = parse(Map.of("THINGBUS_PSEUDONYMISE", "/patient/name,badge"),
                "--telemetry-retention", "36h", "--telemetry-max-bytes", "512m", "--event-retention", "90d",
                "--telemetry-max-payload", "64k", "--pseudonym-key-file", "/etc/hub/pseudonym.key",
                "--pseudonymise-non-json", "refuse");

        TelemetryConfig telemetry = command.telemetryConfig();

        assertThat(telemetry.retention()).isEqualTo(new TelemetryRetention(Duration.ofHours(36), 512L << 20,
                Duration.ofDays(90)));
        assertThat(telemetry.maxPayloadBytes()).isEqualTo(64 * 1024);
        assertThat(telemetry.jsonPointers()).containsExactly("/patient/name");
        assertThat(telemetry.propertyNames()).containsExactly("badge");
        assertThat(telemetry.pseudonymKeyFile()).isEqualTo(Path.of("/etc/hub/pseudonym.key"));
        assertThat(telemetry.invalidPayload()).isEqualTo(PseudonymisationConfig.InvalidPayload.REFUSE);
    }

    @Test
    void badTelemetryValuesAreUsageErrors() {
        assertThatThrownBy(() -> parse(Map.of(), "--telemetry-max-bytes", "lots"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--telemetry-max-bytes");
        assertThatThrownBy(parse(Map.of(), "--pseudonymise-non-json", "shrug")::telemetryConfig)
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("pass-through or refuse");
        assertThatThrownBy(parse(Map.of(), "--telemetry-retention", "0")::telemetryConfig)
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("logMaxAge");
    }
}
