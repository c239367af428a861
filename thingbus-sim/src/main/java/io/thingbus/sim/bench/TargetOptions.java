package io.thingbus.sim.bench;

import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.sim.bench.client.ConnectIdentities;
import io.thingbus.sim.bench.client.LoopbackTarget;
import io.thingbus.sim.bench.client.SharedCredentials;
import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/** Which broker to load and how to log in to it (generic mode: any MQTT 3.1.1 or 5 broker). */
public final class TargetOptions {

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Broker address: loopback only (127.0.0.0/8, ::1 or localhost). Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "1883", description = "Broker MQTT port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--username", description = "Username every connection presents (none by default).")
    String username;

    @Option(names = "--password", description = "Password every connection presents (none by default).")
    String password;

    @Option(names = "--mqtt-version", defaultValue = "3", paramLabel = "3|5",
            description = "MQTT protocol: 3 for 3.1.1, 5 for 5.0. Default: ${DEFAULT-VALUE}.")
    int mqttVersion;

    /** The broker's loopback address; {@link IllegalArgumentException} for anything else. */
    InetSocketAddress broker() {
        return LoopbackTarget.resolve(host, port);
    }

    /** The protocol version asked for. */
    MqttVersion version() {
        return switch (mqttVersion) {
            case 3 -> MqttVersion.MQTT_3_1_1;
            case 5 -> MqttVersion.MQTT_5;
            default -> throw new IllegalArgumentException("--mqtt-version must be 3 or 5, got " + mqttVersion);
        };
    }

    /** Generic-mode identities: shared credentials, client ids under {@code clientIdPrefix}. */
    ConnectIdentities identities(String clientIdPrefix) {
        return new SharedCredentials(clientIdPrefix, username, password);
    }
}
