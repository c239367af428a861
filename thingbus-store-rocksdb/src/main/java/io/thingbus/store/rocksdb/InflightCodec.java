package io.thingbus.store.rocksdb;

import io.thingbus.storage.InflightMessage;

/**
 * The value formats of the {@code inflight} column family. The packet id lives in the key, so the
 * values hold only the rest.
 *
 * <p>Version 1, outbound exchange:
 * <pre>
 * byte    version (1)
 * byte    flags: bit 0 released (PUBREL sent); other bits 0
 * ...     the queued message, as {@link QueuedMessageCodec} writes it (with its own version), to the end
 * </pre>
 * Version 1, inbound QoS 2 packet id: the version byte (1) alone.
 */
final class InflightCodec {

    static final int VERSION = 1;

    private static final int RELEASED = 1;
    private static final byte[] INBOUND = {VERSION};

    private InflightCodec() {
    }

    static byte[] encodeOutbound(InflightMessage message) {
        return new ValueWriter(16)
                .writeByte(VERSION)
                .writeByte(message.released() ? RELEASED : 0)
                .writeRaw(QueuedMessageCodec.encode(message.message()))
                .toByteArray();
    }

    static InflightMessage decodeOutbound(int packetId, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, "outbound in-flight value", VERSION);
        int flags = in.readUnsignedByte();
        if ((flags & ~RELEASED) != 0) {
            throw in.corrupt("unknown flags " + Integer.toBinaryString(flags));
        }
        return new InflightMessage(packetId, QueuedMessageCodec.decode(in.readRemaining()), (flags & RELEASED) != 0);
    }

    static byte[] encodeInbound() {
        return INBOUND.clone();
    }

    /** Checks an inbound value: it holds nothing but its version. */
    static void decodeInbound(byte[] value) {
        ValueReader.ofVersion(value, "inbound in-flight value", VERSION).expectEnd();
    }
}
