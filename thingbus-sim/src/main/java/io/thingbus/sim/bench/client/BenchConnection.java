package io.thingbus.sim.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;

/**
 * One bench MQTT client connection: the last stage of its pipeline and all of its state. It
 * connects, subscribes, publishes through a bounded in-flight window, answers the broker's QoS 1
 * and 2 flows and hands received payloads to its {@link InboundPublishListener}.
 *
 * <p>Unless a method says otherwise it runs on the channel's event loop. Idle connections carry
 * no publish window, no QoS 2 receipts and no timer of their own: keep-alive comes from the shared
 * {@link KeepAliveScheduler}.
 */
public final class BenchConnection extends ChannelInboundHandlerAdapter implements KeepAliveScheduler.Pingable {

    /** Room for 64 acknowledgements before the batch buffer grows. */
    private static final int ACK_BATCH_BYTES = 256;

    /** SUBSCRIBE uses the one id the publish window never hands out; one subscription at a time. */
    static final int SUBSCRIBE_PACKET_ID = 65_535;

    private static final int FAILURE_REASON = 0x80;
    private static final Runnable NO_LISTENER = () -> { };

    private final ConnectIdentity identity;
    private final SessionSettings session;
    private final InboundPublishListener inbound;
    private final KeepAliveScheduler keepAlive;
    private final Runnable onUnexpectedClose;
    private final CompletableFuture<BenchConnection> connected = new CompletableFuture<>();

    private ChannelHandlerContext ctx;
    private ConnectionState state = ConnectionState.CONNECTING;
    private int keepAliveSlot = -1;
    private int publishWindowCapacity;
    private CompletableFuture<MqttQoS> pendingSubscription;
    private PacketIdWindow publishWindow;
    private InboundQos2Receipts qos2Receipts;
    private Runnable capacityListener = NO_LISTENER;
    private Runnable acknowledgementListener = NO_LISTENER;
    private ByteBuf pendingAcks;

    /**
     * @param keepAlive null when keep-alive is off
     * @param onUnexpectedClose run when an established session closes without our asking
     */
    BenchConnection(ConnectIdentity identity, SessionSettings session, InboundPublishListener inbound,
            KeepAliveScheduler keepAlive, Runnable onUnexpectedClose) {
        this.identity = identity;
        this.session = session;
        this.inbound = inbound;
        this.keepAlive = keepAlive;
        this.onUnexpectedClose = onUnexpectedClose;
        this.publishWindowCapacity = session.inflightWindow();
    }

    /** Completes with this connection once CONNACK accepted the session; fails otherwise. Any thread. */
    public CompletableFuture<BenchConnection> connected() {
        return connected;
    }

    /** The event loop that owns this connection; valid once {@link #connected()} completed. */
    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    /**
     * Subscribes to {@code topicFilter}; completes with the granted QoS, or fails with
     * {@link BrokerRefusedException} when the broker refuses. Any thread, once connected.
     */
    public CompletableFuture<MqttQoS> subscribe(String topicFilter, MqttQoS qos) {
        CompletableFuture<MqttQoS> granted = new CompletableFuture<>();
        eventLoop().execute(() -> sendSubscribe(topicFilter, qos, granted));
        return granted;
    }

    /**
     * Writes one PUBLISH (not flushed) if the channel is writable and, for QoS 1 and 2, the
     * in-flight window has room. Returns false, writing nothing, otherwise: the caller retries
     * when the {@link #onCapacity capacity listener} runs.
     */
    public boolean tryPublish(PublishEncoder encoder, long intendedNanos, long sequence) {
        if (state != ConnectionState.CONNECTED || !ctx.channel().isWritable()) {
            return false;
        }
        int packetId = 0;
        if (encoder.qos() != MqttQoS.AT_MOST_ONCE) {
            packetId = publishWindow().acquire();
            if (packetId == PacketIdWindow.NO_ID) {
                return false;
            }
        }
        ctx.write(encoder.encode(ctx.alloc(), packetId, intendedNanos, sequence), ctx.voidPromise());
        return true;
    }

    /** Flushes what {@link #tryPublish} wrote. */
    public void flush() {
        ctx.flush();
    }

    /** Runs {@code listener} whenever a full publish window or an unwritable channel frees up. */
    public void onCapacity(Runnable listener) {
        capacityListener = listener;
    }

    /** Runs {@code listener} for each of our QoS 1/2 publishes the broker completed (PUBACK, or PUBCOMP). */
    public void onAcknowledged(Runnable listener) {
        acknowledgementListener = listener;
    }

    /** The client id this connection presents (a device id in device mode). Any thread. */
    public String clientId() {
        return identity.clientId();
    }

    /** Our QoS 1/2 publishes awaiting acknowledgement. */
    public int inFlight() {
        return publishWindow == null ? 0 : publishWindow.inFlight();
    }

    /** Sends DISCONNECT and closes. Any thread, once connected; completes when the channel closed. */
    public CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        ctx.channel().closeFuture().addListener(future -> closed.complete(null));
        eventLoop().execute(this::disconnectOnLoop);
        return closed;
    }

    /** Sends one PINGREQ. Called by the keep-alive scheduler's thread. */
    @Override
    public void sendPing() {
        ctx.writeAndFlush(ControlPackets.pingReq(), ctx.voidPromise());
    }

    /** The TCP connect failed; nothing else will happen on this connection. Any thread. */
    void connectFailed(Throwable cause) {
        connected.completeExceptionally(cause);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        state = state.transitionTo(ConnectionState.AWAITING_CONNACK);
        ctx.writeAndFlush(connectMessage(), ctx.voidPromise());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage message = (MqttMessage) msg;
        try {
            if (message.decoderResult().isFailure()) {
                closeOnError(message.decoderResult().cause());
                return;
            }
            dispatch(message);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    /** Sends the acknowledgements of the whole read in one write and one flush. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pendingAcks != null) {
            ByteBuf acks = pendingAcks;
            pendingAcks = null;
            ctx.writeAndFlush(acks, ctx.voidPromise());
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            capacityListener.run();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pendingAcks != null) {
            pendingAcks.release();
            pendingAcks = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean unexpected = state == ConnectionState.CONNECTED;
        state = state.transitionTo(ConnectionState.CLOSED);
        if (keepAliveSlot >= 0) {
            keepAlive.unregister(this, keepAliveSlot);
        }
        connected.completeExceptionally(new ConnectionClosedException("closed before CONNACK"));
        if (pendingSubscription != null) {
            pendingSubscription.completeExceptionally(new ConnectionClosedException("closed before SUBACK"));
        }
        if (unexpected) {
            onUnexpectedClose.run();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeOnError(cause);
    }

    private void dispatch(MqttMessage message) {
        switch (message.fixedHeader().messageType()) {
            case CONNACK -> onConnAck((MqttConnAckMessage) message);
            case SUBACK -> onSubAck((MqttSubAckMessage) message);
            case PUBLISH -> onPublish((MqttPublishMessage) message);
            case PUBACK -> onPublishFreed(packetId(message), PacketIdWindow::acknowledged);
            case PUBREC -> onPubRec(packetId(message));
            case PUBREL -> onPubRel(packetId(message));
            case PUBCOMP -> onPublishFreed(packetId(message), PacketIdWindow::completed);
            case PINGRESP -> { }
            case DISCONNECT -> ctx.close();
            default -> closeOnError(new IllegalStateException(
                    "unexpected " + message.fixedHeader().messageType() + " from the broker"));
        }
    }

    private MqttConnectMessage connectMessage() {
        boolean persistent = session.sessionExpirySeconds() > 0;
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(session.version())
                .clientId(identity.clientId())
                .cleanSession(!persistent || session.version() == MqttVersion.MQTT_5)
                .keepAlive(session.keepAliveSeconds());
        if (persistent && session.version() == MqttVersion.MQTT_5) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL,
                    (int) session.sessionExpirySeconds()));
            connect.properties(properties);
        }
        if (identity.username() != null) {
            connect.hasUser(true).username(identity.username());
        }
        if (identity.password() != null) {
            connect.hasPassword(true).password(identity.password().getBytes(StandardCharsets.UTF_8));
        }
        return connect.build();
    }

    private void onConnAck(MqttConnAckMessage connAck) {
        if (state != ConnectionState.AWAITING_CONNACK) {
            closeOnError(new IllegalStateException("CONNACK in state " + state));
            return;
        }
        MqttConnectReturnCode code = connAck.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            connected.completeExceptionally(new BrokerRefusedException("CONNECT", code.byteValue() & 0xFF));
            ctx.close();
            return;
        }
        if (session.version() == MqttVersion.MQTT_5) {
            readConnAckProperties(connAck.variableHeader().properties());
        }
        state = state.transitionTo(ConnectionState.CONNECTED);
        if (keepAlive != null) {
            keepAliveSlot = keepAlive.register(this);
        }
        connected.complete(this);
    }

    private void readConnAckProperties(MqttProperties properties) {
        if (properties.getProperty(MqttProperties.RECEIVE_MAXIMUM)
                instanceof MqttProperties.IntegerProperty receiveMaximum) {
            publishWindowCapacity = Math.min(publishWindowCapacity, receiveMaximum.value());
        }
    }

    private void sendSubscribe(String topicFilter, MqttQoS qos, CompletableFuture<MqttQoS> granted) {
        if (state != ConnectionState.CONNECTED || pendingSubscription != null) {
            granted.completeExceptionally(new IllegalStateException(
                    "cannot subscribe in state " + state + (pendingSubscription != null ? " with one pending" : "")));
            return;
        }
        pendingSubscription = granted;
        ctx.writeAndFlush(MqttMessageBuilders.subscribe()
                .messageId(SUBSCRIBE_PACKET_ID)
                .addSubscription(qos, topicFilter)
                .build(), ctx.voidPromise());
    }

    private void onSubAck(MqttSubAckMessage subAck) {
        if (pendingSubscription == null || subAck.variableHeader().messageId() != SUBSCRIBE_PACKET_ID) {
            closeOnError(new IllegalStateException("SUBACK for no pending SUBSCRIBE"));
            return;
        }
        CompletableFuture<MqttQoS> granted = pendingSubscription;
        pendingSubscription = null;
        int code = subAck.payload().reasonCodes().getFirst();
        if (code >= FAILURE_REASON) {
            granted.completeExceptionally(new BrokerRefusedException("SUBSCRIBE", code));
        } else {
            granted.complete(MqttQoS.valueOf(code));
        }
    }

    private void onPublish(MqttPublishMessage publish) {
        int packetId = publish.variableHeader().packetId();
        boolean firstReceipt = true;
        switch (publish.fixedHeader().qosLevel()) {
            case AT_LEAST_ONCE -> ControlPackets.pubAck(pendingAcks(), packetId);
            case EXACTLY_ONCE -> {
                firstReceipt = qos2Receipts().firstReceipt(packetId);
                ControlPackets.pubRec(pendingAcks(), packetId);
            }
            default -> { }
        }
        if (firstReceipt) {
            inbound.onPublish(publish.content());
        }
    }

    private void onPubRec(int packetId) {
        if (publishWindow != null && publishWindow.received(packetId)) {
            ControlPackets.pubRel(pendingAcks(), packetId);
        }
    }

    private void onPubRel(int packetId) {
        if (qos2Receipts != null) {
            qos2Receipts.released(packetId);
        }
        ControlPackets.pubComp(pendingAcks(), packetId);
    }

    /** PUBACK or PUBCOMP: frees the id and counts the acknowledgement; a window that was full wakes the publisher. */
    private void onPublishFreed(int packetId, BiPredicate<PacketIdWindow, Integer> free) {
        if (publishWindow == null) {
            return;
        }
        boolean wasFull = publishWindow.isFull();
        if (!free.test(publishWindow, packetId)) {
            return;
        }
        acknowledgementListener.run();
        if (wasFull) {
            capacityListener.run();
        }
    }

    /** The acknowledgements of the current read, sent at read-complete. */
    private ByteBuf pendingAcks() {
        if (pendingAcks == null) {
            pendingAcks = ctx.alloc().ioBuffer(ACK_BATCH_BYTES);
        }
        return pendingAcks;
    }

    /** {@link #disconnect()} on the event loop. */
    void disconnectOnLoop() {
        switch (state) {
            case CONNECTED, AWAITING_CONNACK -> {
                state = state.transitionTo(ConnectionState.DISCONNECTING);
                ctx.writeAndFlush(MqttMessage.DISCONNECT).addListener(ChannelFutureListener.CLOSE);
            }
            case CONNECTING -> {
                state = state.transitionTo(ConnectionState.DISCONNECTING);
                ctx.close();
            }
            default -> { }
        }
    }

    private void closeOnError(Throwable cause) {
        connected.completeExceptionally(cause);
        ctx.close();
    }

    private PacketIdWindow publishWindow() {
        if (publishWindow == null) {
            publishWindow = new PacketIdWindow(publishWindowCapacity);
        }
        return publishWindow;
    }

    private InboundQos2Receipts qos2Receipts() {
        if (qos2Receipts == null) {
            qos2Receipts = new InboundQos2Receipts();
        }
        return qos2Receipts;
    }

    private static int packetId(MqttMessage message) {
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }
}
