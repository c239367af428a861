package io.thingbus.sim.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.thingbus.sim.bench.load.LatencyPayload;
import picocli.CommandLine.Option;

/** What the published messages look like. */
public final class MessageOptions {

    private static final int MAX_PAYLOAD = 256 * 1024;

    @Option(names = "--qos", paramLabel = "0|1|2",
            description = "QoS of publishes and subscriptions. Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(names = "--payload-size", paramLabel = "BYTES",
            description = "Payload bytes per message, at least " + LatencyPayload.MIN_SIZE
                    + " (the send-time stamp). Default: ${DEFAULT-VALUE}.")
    int payloadSize;

    /** QoS 0 and 100-byte payloads unless told otherwise. */
    public MessageOptions() {
        this(0, 100);
    }

    /** Options whose defaults are {@code defaultQos} and {@code defaultPayloadSize}. */
    MessageOptions(int defaultQos, int defaultPayloadSize) {
        this.qos = defaultQos;
        this.payloadSize = defaultPayloadSize;
    }

    MqttQoS qos() {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("--qos must be 0, 1 or 2, got " + qos);
        }
        return MqttQoS.valueOf(qos);
    }

    int payloadSize() {
        if (payloadSize < LatencyPayload.MIN_SIZE || payloadSize > MAX_PAYLOAD) {
            throw new IllegalArgumentException("--payload-size must be between " + LatencyPayload.MIN_SIZE
                    + " and " + MAX_PAYLOAD + " bytes, got " + payloadSize);
        }
        return payloadSize;
    }
}
