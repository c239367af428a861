package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.storage.Journal;

/**
 * Sends PUBACK, PUBREC, PUBCOMP and SUBACK only once what their packet changed is durable (the
 * journal's barrier), and in the order the packets arrived (MQTT 5
 * section 4.6), through the connection's {@link ClientConnection#answerWhen}. When nothing is pending,
 * the barrier is already complete and the acknowledgement goes out at once; otherwise it waits, and so
 * does every later acknowledgement of the connection.
 */
final class DurableAcknowledger {

    private final Journal journal;
    private final MqttServerDisconnector disconnector;

    DurableAcknowledger(Journal journal, MqttServerDisconnector disconnector) {
        this.journal = journal;
        this.disconnector = disconnector;
    }

    /**
     * Writes {@code ack} once durable, then runs {@code afterWrite} on the event loop. A failed
     * store disconnects the client without the acknowledgement, so it keeps the message and resends it.
     */
    void acknowledge(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage ack, Runnable afterWrite) {
        connection.answerWhen(journal.barrier(), failure -> {
            if (failure != null) {
                disconnector.disconnect(connection, ErrorCode.SERVER_UNAVAILABLE, "storage failed: " + failure.getMessage());
                return;
            }
            ctx.writeAndFlush(ack);
            afterWrite.run();
        });
    }
}
