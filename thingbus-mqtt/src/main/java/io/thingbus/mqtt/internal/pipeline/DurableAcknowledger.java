package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.storage.Journal;
import java.util.concurrent.CompletableFuture;

/**
 * Sends PUBACK and PUBREC only once what the PUBLISH changed is durable (the journal's barrier), and
 * in the order the PUBLISH packets arrived (MQTT 5 section 4.6). When nothing is pending, the
 * barrier is already complete and the acknowledgement goes out at once; otherwise it waits, and so
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
        CompletableFuture<Void> durable = journal.barrier();
        if (connection.pendingAcknowledgements() == 0 && durable.isDone() && !durable.isCompletedExceptionally()) {
            ctx.writeAndFlush(ack);
            afterWrite.run();
            return;
        }
        connection.acknowledgementPending();
        durable.whenComplete((ignored, failure) -> ctx.executor().execute(() -> {
            connection.acknowledgementDone();
            if (failure != null) {
                disconnector.disconnect(connection, ErrorCode.SERVER_UNAVAILABLE, "storage failed: " + failure.getMessage());
                return;
            }
            ctx.writeAndFlush(ack);
            afterWrite.run();
        }));
    }
}
