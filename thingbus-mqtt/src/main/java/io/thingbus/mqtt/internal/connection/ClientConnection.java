package io.thingbus.mqtt.internal.connection;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.thingbus.mqtt.internal.codec.DeliveryBatch;
import io.thingbus.mqtt.internal.codec.Outbox;
import io.thingbus.mqtt.internal.codec.PublishEncoder;
import io.thingbus.mqtt.internal.codec.PublishFrame;
import io.thingbus.mqtt.internal.session.OutboundPublish;
import io.thingbus.mqtt.internal.session.Session;
import io.thingbus.mqtt.internal.session.SessionConnection;
import io.thingbus.messaging.Will;
import io.thingbus.registry.auth.ClientCredentials;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The typed context of one channel, kept as a channel attribute. Before CONNECT only the channel,
 * its transport and the state are known; {@link #connected} fixes the client (with its identity and
 * access), session and limits for the rest of the connection's life, so handlers after CONNECT never
 * see them null.
 *
 * <p>Threading: state transitions, inbound counters, inbound topic aliases and held packets belong
 * to the channel's event loop; {@link #sendPublish} and the outbound aliases run under the session's lock.
 */
public final class ClientConnection implements SessionConnection {

    public static final AttributeKey<ClientConnection> KEY = AttributeKey.valueOf("thingbus.connection");

    private static final int[] NO_SUBSCRIPTION_IDS = new int[0];
    /** A Topic Alias property on the wire: identifier byte plus two-byte value. */
    private static final int ALIAS_PROPERTY_SIZE = 3;

    private final Channel channel;
    private final ClientTransport transport;
    private final Clock clock;
    private final long openedAtMillis;
    private volatile ConnectionState state = ConnectionState.AWAITING_CONNECT;
    private volatile long lastReadMillis;
    /** While positive, reading is paused until fewer inbound publishes than this are unacknowledged. */
    private int resumeReadingBelow;
    private volatile ConnectedClient client;
    private volatile String closeReason;
    private ClientCredentials reauthentication;
    /** Packets read while CONNECT is being authenticated; allocated only when there are any. */
    private ArrayDeque<MqttMessage> held;
    private Session session;
    private Outbox outbox;
    private InboundTopicAliases inboundAliases;
    private OutboundTopicAliases outboundAliases;
    private final AtomicReference<Will> will = new AtomicReference<>();
    private int inboundUnacknowledged;
    /** Made the first time an answer has to wait for its work. */
    private PendingAnswers pendingAnswers;
    /** The partition of the connected device's telemetry, once looked up; -1 before. */
    private int devicePartition = -1;
    /** The token a device registering over MQTT connected with, for its registration; null for other clients. */
    private String registrationProof;

    public ClientConnection(Channel channel, ClientTransport transport, Clock clock) {
        this.channel = channel;
        this.transport = transport;
        this.clock = clock;
        this.openedAtMillis = clock.millis();
        this.lastReadMillis = openedAtMillis;
    }

    public static ClientConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /**
     * Fixes who is connected; called once, on the event loop, when CONNECT is authenticated and
     * accepted. False when the connection is already closing.
     */
    public boolean connected(ConnectedClient connectedClient, Will clientWill, int serverTopicAliasMaximum) {
        this.client = connectedClient;
        this.outbox = new Outbox(channel);
        this.inboundAliases = new InboundTopicAliases(serverTopicAliasMaximum);
        this.outboundAliases = new OutboundTopicAliases(connectedClient.limits().topicAliasMaximum());
        this.will.set(clientWill);
        return tryTransitionTo(ConnectionState.CONNECTED);
    }

    /** Renews access and expiry after a re-authentication; event loop only. */
    public void reauthenticated(ConnectedClient renewed) {
        this.client = renewed;
        if (session != null) {
            session.receiveUnder(renewed.access());
        }
    }

    /**
     * Keeps what a client that connected with MQTT 5 enhanced authentication presented (without its
     * secret), for its re-authentications; event loop only.
     */
    public void allowReauthentication(ClientCredentials withoutSecret) {
        this.reauthentication = withoutSecret;
    }

    /** What the client presented at CONNECT, without its secret, or null when it may not re-authenticate. */
    public ClientCredentials reauthentication() {
        return reauthentication;
    }

    /** Binds the session after CONNECT; it receives under this connection's ACL from now on. */
    public void attachSession(Session attached) {
        this.session = attached;
        attached.receiveUnder(client.access());
    }

    /** Moves to {@code next} when legal; false (and no change) otherwise. */
    public boolean tryTransitionTo(ConnectionState next) {
        if (!state.canMoveTo(next)) {
            return false;
        }
        state = next;
        return true;
    }

    public ConnectionState state() {
        return state;
    }

    public Channel channel() {
        return channel;
    }

    public ClientTransport transport() {
        return transport;
    }

    /** The peer's IP address (without port), or the channel's own description of its peer. */
    public String remoteAddress() {
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }

    /** Keeps a packet that arrived while CONNECT is authenticated; takes over the caller's reference. */
    public void hold(MqttMessage packet) {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        held.add(packet);
    }

    /** The oldest held packet (the caller owns its reference), or null when none is left. */
    public MqttMessage nextHeld() {
        return held == null ? null : held.poll();
    }

    /** Releases every held packet: CONNECT was refused or the channel closed. */
    public void releaseHeld() {
        MqttMessage packet;
        while ((packet = nextHeld()) != null) {
            ReferenceCountUtil.release(packet);
        }
        held = null;
    }

    /**
     * Notes why the connection ends (client DISCONNECT, keep-alive timeout, taken over, kicked,
     * network error...); the first reason noted stands.
     */
    public void noteCloseReason(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    /** Why the connection ended, or null when nobody said (the peer just went away). */
    public String closeReason() {
        return closeReason;
    }

    /** The connected client, its identity and access; only valid after CONNECT. */
    public ConnectedClient client() {
        return client;
    }

    /** The session; only valid after CONNECT. */
    public Session session() {
        return session;
    }

    public InboundTopicAliases inboundAliases() {
        return inboundAliases;
    }

    public void markRead() {
        lastReadMillis = clock.millis();
    }

    public long lastReadMillis() {
        return lastReadMillis;
    }

    public long openedAtMillis() {
        return openedAtMillis;
    }

    /** Forgets the will: a normal DISCONNECT. */
    public void clearWill() {
        will.set(null);
    }

    /** Counts a QoS 1/2 PUBLISH from the client awaiting the hub's PUBACK/PUBCOMP; returns the new count. */
    public int inboundReceived() {
        return ++inboundUnacknowledged;
    }

    /**
     * Runs {@code answer} (given the failure of {@code work}, or null) on the event loop once the work is
     * done and every answer asked for earlier has run: at once when nothing waits and the work is done.
     * Event loop only. See {@link PendingAnswers}.
     */
    public void answerWhen(CompletableFuture<?> work, Consumer<Throwable> answer) {
        if (pendingAnswers == null) {
            if (work.isDone()) {
                PendingAnswers.answerNow(work, answer);
                return;
            }
            pendingAnswers = new PendingAnswers();
        }
        pendingAnswers.add(channel.eventLoop(), work, answer);
    }

    /** The partition of the connected device's telemetry, or -1 when not looked up yet. Event loop only. */
    public int devicePartition() {
        return devicePartition;
    }

    /** Remembers the connected device's partition, which never changes while it exists. Event loop only. */
    public void devicePartition(int partition) {
        this.devicePartition = partition;
    }

    /**
     * Keeps the token of a device that connected to register itself, for the registration it will ask
     * for on this connection (which checks it again). Never logged.
     */
    public void keepRegistrationProof(String token) {
        this.registrationProof = token;
    }

    /** The token a registering device connected with, or null for any other client. */
    public String registrationProof() {
        return registrationProof;
    }

    public void inboundCompleted() {
        if (inboundUnacknowledged > 0) {
            inboundUnacknowledged--;
        }
        if (resumeReadingBelow > 0 && inboundUnacknowledged < resumeReadingBelow) {
            resumeReadingBelow = 0;
            channel.config().setAutoRead(true);
        }
    }

    /**
     * Stops reading from the client until fewer than {@code limit} of its QoS 1/2 publishes await the
     * hub's acknowledgement: the flow control of an MQTT 3.1.1 client, which cannot be told a Receive
     * Maximum. Publishes already read are still handled. Event loop only.
     */
    public void pauseReadingUntilBelow(int limit) {
        resumeReadingBelow = limit;
        channel.config().setAutoRead(false);
    }

    /** A short log context: {@code conn=/127.0.0.1:5555 client=abc}. */
    public String logContext() {
        return "conn=" + channel.remoteAddress() + (client == null ? "" : " client=" + client.clientId());
    }

    @Override
    public ClientLimits limits() {
        return client.limits();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public boolean sendPublish(OutboundPublish publish, int packetId, boolean duplicate, DeliveryBatch batch,
                               CompletableFuture<Void> durable) {
        boolean mqtt5 = client.isMqtt5();
        String topic = publish.message().topic();
        long expiry = mqtt5 ? publish.message().remainingExpirySeconds(clock.millis()) : -1;
        int[] subscriptionIds = mqtt5 ? publish.subscriptionIds() : NO_SUBSCRIPTION_IDS;
        PublishFrame frame = new PublishFrame(publish.message(), topic, publish.qos().value(), packetId,
                duplicate, publish.retain(), mqtt5, expiry, 0, subscriptionIds);
        int plainSize = PublishEncoder.packetSize(frame);
        int maximumSize = client.limits().maximumPacketSize();
        if (plainSize > maximumSize) {
            return false;
        }
        // an alias only where its property still fits: a packet that fits without one is never discarded
        // for lack of room for one (MQTT 5 section 3.1.2.11.4)
        boolean useAliases = mqtt5 && outboundAliases.enabled() && plainSize + ALIAS_PROPERTY_SIZE <= maximumSize;
        if (useAliases) {
            int alias = outboundAliases.aliasFor(topic);
            if (alias != 0) {
                frame = new PublishFrame(publish.message(), alias < 0 ? "" : topic, publish.qos().value(), packetId,
                        duplicate, publish.retain(), true, expiry, Math.abs(alias), subscriptionIds);
            }
        }
        outbox.offer(PublishEncoder.encode(channel.alloc(), frame), batch, durable);
        return true;
    }

    @Override
    public void sendPubRel(int packetId, CompletableFuture<Void> durable) {
        outbox.offer(new MqttMessage(
                new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId)), null, durable);
    }

    @Override
    public Will takeWill() {
        return will.getAndSet(null);
    }

    @Override
    public Will will() {
        return will.get();
    }
}
