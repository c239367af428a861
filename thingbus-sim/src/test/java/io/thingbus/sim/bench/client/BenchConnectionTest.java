package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.sim.bench.load.LatencyPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connection's packet flows, driven on an embedded channel with Netty's codec on both sides. */
class BenchConnectionTest {

    private final List<Long> received = new ArrayList<>();
    private final AtomicInteger unexpectedCloses = new AtomicInteger();
    private final BrokerSide broker = new BrokerSide();
    private EmbeddedChannel channel;
    private BenchConnection connection;

    @AfterEach
    void releaseEverything() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        broker.close();
    }

    @Test
    void sendsConnectWithItsIdentityWhenActive() {
        open(MqttVersion.MQTT_5, new ConnectIdentity("tb-c-7", "user", "secret"));

        MqttConnectMessage connect = (MqttConnectMessage) broker.receiveFrom(channel);
        assertThat(connect.payload().clientIdentifier()).isEqualTo("tb-c-7");
        assertThat(connect.payload().userName()).isEqualTo("user");
        assertThat(connect.payload().passwordInBytes()).asString().isEqualTo("secret");
        assertThat(connect.variableHeader().version()).isEqualTo(5);
        assertThat(connect.variableHeader().keepAliveTimeSeconds()).isEqualTo(30);
        assertThat(connect.variableHeader().isCleanSession()).isTrue();
        assertThat(connection.connected()).isNotDone();
    }

    @Test
    void aPersistentSessionIsAskedForPerProtocolVersion() {
        connection = new BenchConnection(identity(), new SessionSettings(MqttVersion.MQTT_5, 30, 10, 1 << 16, 120),
                payload -> { }, null, unexpectedCloses::incrementAndGet);
        channel = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE, connection);
        MqttConnectMessage mqtt5 = (MqttConnectMessage) broker.receiveFrom(channel);
        assertThat(mqtt5.variableHeader().isCleanSession()).as("MQTT 5 starts clean").isTrue();
        assertThat(mqtt5.variableHeader().properties().getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL).value())
                .isEqualTo(120);
        channel.finishAndReleaseAll();

        connection = new BenchConnection(identity(), new SessionSettings(MqttVersion.MQTT_3_1_1, 30, 10, 1 << 16, 120),
                payload -> { }, null, unexpectedCloses::incrementAndGet);
        channel = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE, connection);
        MqttConnectMessage mqtt3 = (MqttConnectMessage) broker.receiveFrom(channel);
        assertThat(mqtt3.variableHeader().isCleanSession()).as("MQTT 3.1.1 asks for clean session false").isFalse();
    }

    @Test
    void anAcceptingConnAckCompletesTheConnection() {
        connect(MqttVersion.MQTT_3_1_1, MqttProperties.NO_PROPERTIES);

        assertThat(connection.connected()).isCompletedWithValue(connection);
    }

    @Test
    void aRefusingConnAckFailsTheConnectionAndCloses() {
        open(MqttVersion.MQTT_3_1_1, identity());
        broker.receiveFrom(channel);

        channel.writeInbound(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, MqttProperties.NO_PROPERTIES));

        assertThat(connection.connected()).isCompletedExceptionally();
        assertThat(channel.isOpen()).isFalse();
        assertThat(unexpectedCloses).as("a refused session was never established").hasValue(0);
    }

    @Test
    void subscribeCompletesWithTheGrantedQos() {
        connect(MqttVersion.MQTT_3_1_1, MqttProperties.NO_PROPERTIES);

        CompletableFuture<MqttQoS> granted = connection.subscribe("bench/#", MqttQoS.EXACTLY_ONCE);
        channel.runPendingTasks();
        MqttSubscribeMessage subscribe = (MqttSubscribeMessage) broker.receiveFrom(channel);
        assertThat(subscribe.payload().topicSubscriptions()).singleElement()
                .satisfies(topic -> assertThat(topic.topicFilter()).isEqualTo("bench/#"));
        channel.writeInbound(subAck(subscribe.variableHeader().messageId(), 1));

        assertThat(granted).isCompletedWithValue(MqttQoS.AT_LEAST_ONCE);
    }

    @Test
    void aRefusedSubscriptionFailsWithTheReasonCode() {
        connect(MqttVersion.MQTT_5, MqttProperties.NO_PROPERTIES);

        CompletableFuture<MqttQoS> granted = connection.subscribe("$share/g/t", MqttQoS.AT_MOST_ONCE);
        channel.runPendingTasks();
        broker.receiveFrom(channel);
        channel.writeInbound(subAck(BenchConnection.SUBSCRIBE_PACKET_ID, 0x9E));

        assertThat(granted).failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(BrokerRefusedException.class, refused -> {
                    assertThat(refused.reasonCode()).isEqualTo(0x9E);
                    assertThat(refused.packet()).isEqualTo("SUBSCRIBE");
                });
    }

    @Test
    void qos0PublishReachesTheListenerAndIsReleased() {
        connect(MqttVersion.MQTT_3_1_1, MqttProperties.NO_PROPERTIES);
        MqttPublishMessage publish = publish(MqttQoS.AT_MOST_ONCE, -1, 11);

        channel.writeInbound(publish);

        assertThat(received).containsExactly(11L);
        assertThat(publish.refCnt()).isZero();
        Object written = channel.readOutbound();
        assertThat(written).as("nothing to acknowledge").isNull();
    }

    @Test
    void qos1PublishIsAcknowledged() {
        connect(MqttVersion.MQTT_3_1_1, MqttProperties.NO_PROPERTIES);

        channel.writeInbound(publish(MqttQoS.AT_LEAST_ONCE, 17, 1));

        assertThat(received).containsExactly(1L);
        assertAck(broker.receiveFrom(channel), MqttMessageType.PUBACK, 17);
    }

    @Test
    void qos2PublishIsDeliveredOnceAndItsFlowCompleted() {
        connect(MqttVersion.MQTT_5, MqttProperties.NO_PROPERTIES);

        channel.writeInbound(publish(MqttQoS.EXACTLY_ONCE, 3, 1));
        assertAck(broker.receiveFrom(channel), MqttMessageType.PUBREC, 3);
        channel.writeInbound(publish(MqttQoS.EXACTLY_ONCE, 3, 1)); // redelivered before PUBREL
        assertAck(broker.receiveFrom(channel), MqttMessageType.PUBREC, 3);
        channel.writeInbound(ack(MqttMessageType.PUBREL, 3));
        assertAck(broker.receiveFrom(channel), MqttMessageType.PUBCOMP, 3);

        assertThat(received).containsExactly(1L);
    }

    @Test
    void qos1PublishesStopAtTheWindowAndResumeOnPubAck() {
        connect(MqttVersion.MQTT_3_1_1, MqttProperties.NO_PROPERTIES, 2);
        AtomicInteger capacitySignals = new AtomicInteger();
        connection.onCapacity(capacitySignals::incrementAndGet);
        PublishEncoder encoder = new PublishEncoder("t", MqttQoS.AT_LEAST_ONCE, MqttVersion.MQTT_3_1_1, 16);

        assertThat(connection.tryPublish(encoder, 0, 0)).isTrue();
        assertThat(connection.tryPublish(encoder, 0, 1)).isTrue();
        assertThat(connection.tryPublish(encoder, 0, 2)).as("window full").isFalse();
        connection.flush();
        int firstId = publishedPacketId();
        publishedPacketId();

        channel.writeInbound(ack(MqttMessageType.PUBACK, firstId));

        assertThat(capacitySignals).hasValue(1);
        assertThat(connection.inFlight()).isEqualTo(1);
        assertThat(connection.tryPublish(encoder, 0, 2)).isTrue();
    }

    @Test
    void qos2PublishFreesItsIdOnlyAfterPubComp() {
        connect(MqttVersion.MQTT_5, MqttProperties.NO_PROPERTIES, 1);
        PublishEncoder encoder = new PublishEncoder("t", MqttQoS.EXACTLY_ONCE, MqttVersion.MQTT_5, 16);
        connection.tryPublish(encoder, 0, 0);
        connection.flush();
        int id = publishedPacketId();

        channel.writeInbound(ack(MqttMessageType.PUBREC, id));
        assertAck(broker.receiveFrom(channel), MqttMessageType.PUBREL, id);
        assertThat(connection.tryPublish(encoder, 0, 1)).as("awaiting PUBCOMP").isFalse();

        channel.writeInbound(ack(MqttMessageType.PUBCOMP, id));
        assertThat(connection.inFlight()).isZero();
    }

    @Test
    void theBrokersReceiveMaximumNarrowsTheWindow() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 1));
        connect(MqttVersion.MQTT_5, properties, 10);
        PublishEncoder encoder = new PublishEncoder("t", MqttQoS.AT_LEAST_ONCE, MqttVersion.MQTT_5, 16);

        assertThat(connection.tryPublish(encoder, 0, 0)).isTrue();
        assertThat(connection.tryPublish(encoder, 0, 1)).isFalse();
    }

    @Test
    void theBrokerClosingAnEstablishedSessionIsCountedAsUnexpected() {
        connect(MqttVersion.MQTT_3_1_1, MqttProperties.NO_PROPERTIES);

        channel.close();

        assertThat(unexpectedCloses).hasValue(1);
    }

    @Test
    void disconnectSendsDisconnectAndIsNotUnexpected() {
        connect(MqttVersion.MQTT_5, MqttProperties.NO_PROPERTIES);

        CompletableFuture<Void> closed = connection.disconnect();
        channel.runPendingTasks();

        assertThat(broker.receiveFrom(channel).fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(closed).isDone();
        assertThat(unexpectedCloses).hasValue(0);
    }

    @Test
    void keepAlivePingsComeFromTheSharedScheduler() {
        KeepAliveScheduler scheduler = KeepAliveScheduler.manual(1);
        connection = new BenchConnection(identity(), new SessionSettings(MqttVersion.MQTT_3_1_1, 1, 10, 1024),
                payload -> { }, scheduler, unexpectedCloses::incrementAndGet);
        channel = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE, connection);
        broker.receiveFrom(channel);
        channel.writeInbound(connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, MqttProperties.NO_PROPERTIES));

        scheduler.tick();

        assertThat(broker.receiveFrom(channel).fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGREQ);
        channel.close();
        scheduler.tick();
        Object written = channel.readOutbound();
        assertThat(written).as("closed connections are no longer pinged").isNull();
    }

    private void open(MqttVersion version, ConnectIdentity identity) {
        open(version, identity, 100);
    }

    private void open(MqttVersion version, ConnectIdentity identity, int window) {
        connection = new BenchConnection(identity, new SessionSettings(version, 30, window, 1 << 16),
                payload -> received.add(LatencyPayload.sequence(payload)), null, unexpectedCloses::incrementAndGet);
        channel = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE, connection);
    }

    private void connect(MqttVersion version, MqttProperties connAckProperties) {
        connect(version, connAckProperties, 100);
    }

    private void connect(MqttVersion version, MqttProperties connAckProperties, int window) {
        open(version, identity(), window);
        broker.receiveFrom(channel); // CONNECT
        channel.writeInbound(connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, connAckProperties));
    }

    private int publishedPacketId() {
        MqttPublishMessage publish = (MqttPublishMessage) broker.receiveFrom(channel);
        try {
            return publish.variableHeader().packetId();
        } finally {
            publish.release();
        }
    }

    private static ConnectIdentity identity() {
        return new ConnectIdentity("tb-test", null, null);
    }

    private static MqttConnAckMessage connAck(MqttConnectReturnCode code, MqttProperties properties) {
        return new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(code, false, properties));
    }

    private static MqttSubAckMessage subAck(int packetId, int code) {
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttSubAckPayload(code));
    }

    private static MqttPublishMessage publish(MqttQoS qos, int packetId, long sequence) {
        ByteBuf payload = Unpooled.buffer();
        LatencyPayload.write(payload, System.nanoTime(), sequence, 16);
        return MqttMessageBuilders.publish().topicName("bench/x").qos(qos).messageId(packetId).payload(payload).build();
    }

    private static MqttMessage ack(MqttMessageType type, int packetId) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 2), MqttMessageIdVariableHeader.from(packetId));
    }

    private static void assertAck(MqttMessage message, MqttMessageType type, int packetId) {
        assertThat(message.fixedHeader().messageType()).isEqualTo(type);
        assertThat(((MqttMessageIdVariableHeader) message.variableHeader()).messageId()).isEqualTo(packetId);
    }
}
