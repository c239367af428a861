package io.thingbus.sim.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * The small fixed-size packets of the hot path, written without building codec objects. A
 * success acknowledgement is the same four bytes in MQTT 3.1.1 and 5 (MQTT 5 omits the reason
 * code and properties when they are "success" and empty).
 */
final class ControlPackets {

    private static final int PUBACK = 0x40;
    private static final int PUBREC = 0x50;
    private static final int PUBREL = 0x62; // PUBREL carries the reserved flags 0010
    private static final int PUBCOMP = 0x70;

    /**
     * PINGREQ is two constant bytes, shared by every connection and never released. Direct memory,
     * so native transports write it as is instead of copying it into a direct buffer.
     */
    private static final ByteBuf PINGREQ = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2, 2).writeByte(0xC0).writeByte(0x00));

    private ControlPackets() {
    }

    static ByteBuf pubAck(ByteBufAllocator allocator, int packetId) {
        return acknowledgement(allocator, PUBACK, packetId);
    }

    static ByteBuf pubRec(ByteBufAllocator allocator, int packetId) {
        return acknowledgement(allocator, PUBREC, packetId);
    }

    static ByteBuf pubRel(ByteBufAllocator allocator, int packetId) {
        return acknowledgement(allocator, PUBREL, packetId);
    }

    static ByteBuf pubComp(ByteBufAllocator allocator, int packetId) {
        return acknowledgement(allocator, PUBCOMP, packetId);
    }

    /** A view of the shared PINGREQ bytes with its own indexes; costs no buffer allocation. */
    static ByteBuf pingReq() {
        return PINGREQ.duplicate();
    }

    private static ByteBuf acknowledgement(ByteBufAllocator allocator, int type, int packetId) {
        return allocator.ioBuffer(4, 4).writeByte(type).writeByte(2).writeShort(packetId);
    }
}
