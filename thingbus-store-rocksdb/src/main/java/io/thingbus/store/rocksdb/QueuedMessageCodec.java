package io.thingbus.store.rocksdb;

import io.thingbus.messaging.Qos;
import io.thingbus.storage.QueuedMessage;

/**
 * The value format of a {@link QueuedMessage}: the values of the {@code queues} column family, and
 * the message inside an outbound in-flight exchange.
 *
 * <p>Version 1:
 * <pre>
 * byte    version (1)
 * byte    flags: bits 0-1 QoS, bit 2 retain; other bits 0
 * varlong message id
 * varint  subscription identifier count, then each as varint
 * </pre>
 */
final class QueuedMessageCodec {

    static final int VERSION = 1;

    private static final int QOS_MASK = 0b11;
    private static final int RETAIN = 1 << 2;
    private static final String WHAT = "queued message value";

    private QueuedMessageCodec() {
    }

    static byte[] encode(QueuedMessage message) {
        int[] subscriptionIds = message.subscriptionIds();
        ValueWriter out = new ValueWriter(12 + subscriptionIds.length * 4);
        out.writeByte(VERSION)
                .writeByte(message.qos().value() | (message.retain() ? RETAIN : 0))
                .writeVarLong(message.messageId())
                .writeVarInt(subscriptionIds.length);
        for (int id : subscriptionIds) {
            out.writeVarInt(id);
        }
        return out.toByteArray();
    }

    static QueuedMessage decode(byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        int flags = in.readUnsignedByte();
        if ((flags & ~(QOS_MASK | RETAIN)) != 0 || (flags & QOS_MASK) == 3) {
            throw in.corrupt("unknown flags " + Integer.toBinaryString(flags));
        }
        long messageId = in.readVarLong();
        int count = in.readVarInt();
        if (count < 0 || count > in.remaining()) {
            throw in.corrupt("a subscription identifier count of " + Integer.toUnsignedString(count));
        }
        int[] subscriptionIds = new int[count];
        for (int i = 0; i < count; i++) {
            subscriptionIds[i] = in.readVarInt();
        }
        in.expectEnd();
        return new QueuedMessage(messageId, Qos.of(flags & QOS_MASK), (flags & RETAIN) != 0, subscriptionIds);
    }
}
