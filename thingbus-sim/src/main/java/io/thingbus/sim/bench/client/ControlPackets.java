package io.thingbus.sim.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The small fixed-size packets of the hot path, written without building codec objects. A
 * success acknowledgement is the same four bytes in MQTT 3.1.1 and 5 (MQTT 5 omits the reason
 * code and properties when they are "success" and empty), so a read's worth of them can be
 * appended to one buffer.
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

    /** Appends PUBACK for {@code packetId} to {@code out}. */
    static void pubAck(ByteBuf out, int packetId) {
        acknowledgement(out, PUBACK, packetId);
    }

    /** Appends PUBREC for {@code packetId} to {@code out}. */
    static void pubRec(ByteBuf out, int packetId) {
        acknowledgement(out, PUBREC, packetId);
    }

    /** Appends PUBREL for {@code packetId} to {@code out}. */
    static void pubRel(ByteBuf out, int packetId) {
        acknowledgement(out, PUBREL, packetId);
    }

    /** Appends PUBCOMP for {@code packetId} to {@code out}. */
    static void pubComp(ByteBuf out, int packetId) {
        acknowledgement(out, PUBCOMP, packetId);
    }

    /** A view of the shared PINGREQ bytes with its own indexes; costs no buffer allocation. */
    static ByteBuf pingReq() {
        return PINGREQ.duplicate();
    }

    private static void acknowledgement(ByteBuf out, int type, int packetId) {
        out.writeByte(type).writeByte(2).writeShort(packetId);
    }
}
