package io.thingbus.mqtt.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection to an {@link EmbeddedBroker}: the broker's server channel, and a client
 * channel whose Netty {@link MqttEncoder} and {@link MqttDecoder} turn packets into the bytes the
 * server channel reads and back. Also takes hand-written bytes. Every decoded packet it hands out is
 * released when the broker closes; {@link #expectPublish()} copies and releases at once.
 */
final class EmbeddedClient {

    private static final int CLIENT_DECODER_LIMIT = 16 * 1024 * 1024;
    /** Where Netty's codec keeps the version it learnt from CONNECT; set by hand after a hand-written CONNECT. */
    private static final AttributeKey<MqttVersion> CODEC_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    final EmbeddedChannel server;
    final EmbeddedChannel client = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder(CLIENT_DECODER_LIMIT));
    private final List<MqttMessage> handedOut = new ArrayList<>();

    EmbeddedClient(EmbeddedChannel server) {
        this.server = server;
    }

    /** The broker's context of this connection. */
    ClientConnection connection() {
        return ClientConnection.of(server);
    }

    boolean isOpen() {
        return server.isOpen();
    }

    // ---- towards the broker ----

    /** Encodes the packet with Netty's encoder and feeds the bytes to the broker. */
    EmbeddedClient send(MqttMessage message) {
        client.writeOutbound(message);
        Object bytes;
        while ((bytes = client.readOutbound()) != null) {
            feed((ByteBuf) bytes);
        }
        return this;
    }

    /** Encodes the packets and feeds their bytes to the broker in one buffer, as one read off the socket. */
    EmbeddedClient sendTogether(MqttMessage... messages) {
        for (MqttMessage message : messages) {
            client.writeOutbound(message);
        }
        CompositeByteBuf together = Unpooled.compositeBuffer();
        Object bytes;
        while ((bytes = client.readOutbound()) != null) {
            together.addComponent(true, (ByteBuf) bytes);
        }
        feed(together);
        return this;
    }

    /** Makes the client's decoder read the broker's answers as {@code version}, as after a hand-written CONNECT. */
    EmbeddedClient readsAs(MqttVersion version) {
        client.attr(CODEC_VERSION).set(version);
        return this;
    }

    /** Feeds raw bytes to the broker, as a client that writes its own packets would. */
    EmbeddedClient sendBytes(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        feed(Unpooled.wrappedBuffer(raw));
        return this;
    }

    private void feed(ByteBuf bytes) {
        if (server.isOpen()) {
            server.writeInbound(bytes);
        } else {
            bytes.release();
        }
    }

    // ---- from the broker ----

    /** Runs the broker's pending tasks (the outbox) and returns the next packet it wrote, or null. */
    MqttMessage next() {
        server.runPendingTasks();
        Object bytes;
        while ((bytes = server.readOutbound()) != null) {
            client.writeInbound(bytes);
        }
        MqttMessage message = client.readInbound();
        if (message != null) {
            handedOut.add(message);
            assertThat(message.decoderResult().isSuccess())
                    .as("the broker wrote a well-formed packet: %s", message.decoderResult()).isTrue();
        }
        return message;
    }

    /** The next packet, which must be of the given type. */
    @SuppressWarnings("unchecked")
    <T extends MqttMessage> T expect(MqttMessageType type) {
        MqttMessage message = next();
        assertThat(message).as("a %s from the broker", type).isNotNull();
        assertThat(message.fixedHeader().messageType()).as("the packet the broker wrote: %s", message).isEqualTo(type);
        return (T) message;
    }

    /** Asserts that the broker wrote nothing (more). */
    void expectNothing() {
        assertThat(next()).as("no packet from the broker").isNull();
    }

    /** The raw bytes the broker wrote and the client has not decoded yet (for byte-level checks). */
    byte[] rawOutput() {
        server.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        try {
            Object bytes;
            while ((bytes = server.readOutbound()) != null) {
                all.writeBytes((ByteBuf) bytes);
                ((ByteBuf) bytes).release();
            }
            return ByteBufUtil.getBytes(all);
        } finally {
            all.release();
        }
    }

    /** A PUBLISH as the client received it, copied out of its buffer. */
    record Publish(String topic, int qos, boolean duplicate, boolean retain, int packetId, String payload,
                   MqttProperties properties) {
    }

    Publish expectPublish() {
        MqttPublishMessage message = expect(MqttMessageType.PUBLISH);
        handedOut.remove(message);
        try {
            return new Publish(message.variableHeader().topicName(), message.fixedHeader().qosLevel().value(),
                    message.fixedHeader().isDup(), message.fixedHeader().isRetain(), message.variableHeader().packetId(),
                    message.payload().toString(StandardCharsets.UTF_8), message.variableHeader().properties());
        } finally {
            message.release();
        }
    }

    /** The reason code of the DISCONNECT the broker must have sent next. */
    int expectDisconnect() {
        MqttMessage disconnect = expect(MqttMessageType.DISCONNECT);
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF;
    }

    /** The packet id and reason code of the PUBACK/PUBREC/PUBREL/PUBCOMP the broker must have sent next. */
    int[] expectReply(MqttMessageType type) {
        MqttMessage reply = expect(type);
        MqttMessageIdVariableHeader header = (MqttMessageIdVariableHeader) reply.variableHeader();
        int reason = header instanceof MqttPubReplyMessageVariableHeader pubReply ? pubReply.reasonCode() & 0xFF : 0;
        return new int[] {header.messageId(), reason};
    }

    // ---- conveniences ----

    static MqttMessageBuilders.ConnectBuilder connectPacket(MqttVersion version, String clientId) {
        return MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).cleanSession(true).keepAlive(60);
    }

    /** Sends the CONNECT and returns the broker's CONNACK. */
    MqttConnAckMessage connect(MqttConnectMessage connect) {
        send(connect);
        return expect(MqttMessageType.CONNACK);
    }

    /** Connects with clean start, keep-alive 60 and no properties; asserts it was accepted. */
    EmbeddedClient connected(MqttVersion version, String clientId) {
        MqttConnAckMessage connAck = connect(connectPacket(version, clientId).build());
        assertThat(connAck.variableHeader().connectReturnCode().byteValue()).as("CONNACK code").isZero();
        return this;
    }

    /** Subscribes to one filter and returns the SUBACK reason codes. */
    List<Integer> subscribe(int packetId, String filter, MqttSubscriptionOption option) {
        send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(filter, option).build());
        MqttSubAckMessage subAck = expect(MqttMessageType.SUBACK);
        assertThat(subAck.variableHeader().messageId()).isEqualTo(packetId);
        return subAck.payload().reasonCodes();
    }

    List<Integer> subscribe(int packetId, String filter, MqttQoS qos) {
        return subscribe(packetId, filter, MqttSubscriptionOption.onlyFromQos(qos));
    }

    EmbeddedClient publish(String topic, MqttQoS qos, int packetId, String payload) {
        return publish(topic, qos, packetId, payload, MqttProperties.NO_PROPERTIES);
    }

    EmbeddedClient publish(String topic, MqttQoS qos, int packetId, String payload, MqttProperties properties) {
        return send(MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos)
                .messageId(packetId)
                .properties(properties)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8))
                .build());
    }

    /** A PUBACK, PUBREC, PUBREL or PUBCOMP from the client. */
    EmbeddedClient reply(MqttMessageType type, int packetId) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return send(new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                MqttMessageIdVariableHeader.from(packetId)));
    }

    /** Closes both ends and releases every buffer still held. */
    void close() {
        for (MqttMessage message : handedOut) {
            if (ReferenceCountUtil.refCnt(message) > 0) {
                ReferenceCountUtil.release(message);
            }
        }
        handedOut.clear();
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }
}
