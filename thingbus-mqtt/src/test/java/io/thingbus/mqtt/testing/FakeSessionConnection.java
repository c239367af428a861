package io.thingbus.mqtt.testing;

import io.thingbus.mqtt.internal.codec.DeliveryBatch;
import io.thingbus.mqtt.internal.connection.ClientLimits;
import io.thingbus.mqtt.internal.session.OutboundPublish;
import io.thingbus.mqtt.internal.session.SessionConnection;
import io.thingbus.messaging.Will;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link SessionConnection} without a network: records every PUBLISH and PUBREL a session sends it,
 * and holds a will to be taken once. Single-threaded, for tests.
 */
public final class FakeSessionConnection implements SessionConnection {

    /** One PUBLISH as the session asked for it. */
    public record Sent(OutboundPublish publish, int packetId, boolean duplicate) {
        public String topic() {
            return publish.message().topic();
        }
    }

    private final String name;
    private final ClientLimits limits;
    private final List<Sent> publishes = new ArrayList<>();
    private final List<Integer> pubRels = new ArrayList<>();
    private Will will;
    private boolean writable = true;
    private int maximumPayloadBytes = Integer.MAX_VALUE;

    /** A connection with receive maximum 65535 and no will. */
    public FakeSessionConnection(String name) {
        this(name, 65_535);
    }

    public FakeSessionConnection(String name, int receiveMaximum) {
        this.name = name;
        this.limits = new ClientLimits(receiveMaximum, Integer.MAX_VALUE, 0, true);
    }

    /** Gives the connection a will, as a CONNECT with the will flag would. */
    public FakeSessionConnection withWill(Will connectWill) {
        this.will = connectWill;
        return this;
    }

    public void setWritable(boolean isWritable) {
        this.writable = isWritable;
    }

    /** Publishes with a larger payload are refused as too large for the client (sendPublish returns false). */
    public void refusePayloadsAbove(int bytes) {
        this.maximumPayloadBytes = bytes;
    }

    public List<Sent> publishes() {
        return publishes;
    }

    public List<Integer> pubRels() {
        return pubRels;
    }

    /** The packet ids of the QoS 1/2 publishes sent, in order. */
    public List<Integer> packetIds() {
        return publishes.stream().map(Sent::packetId).toList();
    }

    /** The topics of the publishes sent, in order. */
    public List<String> topics() {
        return publishes.stream().map(Sent::topic).toList();
    }

    /** The will still held (not yet taken). */
    @Override
    public Will will() {
        return will;
    }

    @Override
    public ClientLimits limits() {
        return limits;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public boolean sendPublish(OutboundPublish publish, int packetId, boolean duplicate, DeliveryBatch batch,
                               CompletableFuture<Void> durable) {
        if (publish.message().payload().length > maximumPayloadBytes) {
            return false;
        }
        publishes.add(new Sent(publish, packetId, duplicate));
        return true;
    }

    @Override
    public void sendPubRel(int packetId, CompletableFuture<Void> durable) {
        pubRels.add(packetId);
    }

    @Override
    public Will takeWill() {
        Will taken = will;
        will = null;
        return taken;
    }

    @Override
    public String toString() {
        return "FakeSessionConnection[" + name + "]";
    }
}
