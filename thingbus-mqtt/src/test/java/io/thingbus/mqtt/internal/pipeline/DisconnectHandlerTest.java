package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DISCONNECT from the client (MQTT 5 section 3.14, MQTT 3.1.1 section 3.14) and AUTH (MQTT 5 section 4.12). */
class DisconnectHandlerTest {

    private final EmbeddedBroker broker = new EmbeddedBroker();
    private EmbeddedClient watcher;

    @BeforeEach
    void watchWills() {
        watcher = broker.newClient().connected(MqttVersion.MQTT_5, "watcher");
        watcher.subscribe(1, "wills/#", MqttQoS.AT_LEAST_ONCE);
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private EmbeddedClient connectWithWill(MqttVersion version, long sessionExpiry, long willDelay) {
        MqttProperties properties = new MqttProperties();
        if (version == MqttVersion.MQTT_5) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, (int) sessionExpiry));
        }
        MqttProperties willProperties = new MqttProperties();
        if (willDelay > 0) {
            willProperties.add(new MqttProperties.IntegerProperty(MqttProperties.WILL_DELAY_INTERVAL, (int) willDelay));
        }
        EmbeddedClient client = broker.newClient();
        client.connect(connectPacket(version, "device-1").properties(properties)
                .willFlag(true).willTopic("wills/device-1").willMessage("gone".getBytes(java.nio.charset.StandardCharsets.UTF_8)).willQoS(MqttQoS.AT_LEAST_ONCE)
                .willProperties(willProperties).build());
        return client;
    }

    private static MqttMessage disconnect(int reasonCode, MqttProperties properties) {
        return MqttMessageBuilders.disconnect().reasonCode((byte) reasonCode).properties(properties).build();
    }

    @Test
    void aNormalDisconnectDiscardsTheWill() {
        EmbeddedClient client = connectWithWill(MqttVersion.MQTT_5, 0, 0);

        client.send(disconnect(0x00, MqttProperties.NO_PROPERTIES));

        assertThat(client.isOpen()).isFalse();
        client.expectNothing();
        watcher.expectNothing();
        assertThat(broker.sessions.get("device-1")).isNull();
    }

    @Test
    void disconnectWithWillMessageKeepsTheWill() {
        EmbeddedClient client = connectWithWill(MqttVersion.MQTT_5, 0, 0);

        client.send(disconnect(0x04, MqttProperties.NO_PROPERTIES));

        assertThat(client.isOpen()).isFalse();
        EmbeddedClient.Publish will = watcher.expectPublish();
        assertThat(will.topic()).isEqualTo("wills/device-1");
        assertThat(will.payload()).isEqualTo("gone");
    }

    @Test
    void aLostConnectionPublishesTheWill() {
        EmbeddedClient client = connectWithWill(MqttVersion.MQTT_3_1_1, 0, 0);

        client.server.close();

        assertThat(watcher.expectPublish().topic()).isEqualTo("wills/device-1");
    }

    @Test
    void anMqtt311DisconnectDiscardsTheWill() {
        EmbeddedClient client = connectWithWill(MqttVersion.MQTT_3_1_1, 0, 0);

        client.sendBytes(0xE0, 0x00); // DISCONNECT, remaining length 0

        assertThat(client.isOpen()).isFalse();
        watcher.expectNothing();
    }

    @Test
    void aDelayedWillWaitsForItsDelay() {
        EmbeddedClient client = connectWithWill(MqttVersion.MQTT_5, 300, 30);

        client.server.close();
        watcher.expectNothing();
        broker.timer.advance(Duration.ofSeconds(30));

        assertThat(watcher.expectPublish().topic()).isEqualTo("wills/device-1");
    }

    @Test
    void theSessionExpiryOnDisconnectReplacesTheOneFromConnect() {
        EmbeddedClient client = connectWithWill(MqttVersion.MQTT_5, 300, 0);
        MqttProperties expiry = new MqttProperties();
        expiry.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 0));

        client.send(disconnect(0x00, expiry));

        assertThat(broker.sessions.get("device-1")).as("expiry 0: ended at once").isNull();
    }

    @Test
    void settingASessionExpiryOnDisconnectAfterConnectAskedForZeroIsAProtocolError() {
        EmbeddedClient client = connectWithWill(MqttVersion.MQTT_5, 0, 0);
        MqttProperties expiry = new MqttProperties();
        expiry.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 60));

        client.send(disconnect(0x00, expiry));

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
        assertThat(client.isOpen()).isFalse();
        assertThat(watcher.expectPublish().topic()).as("not a normal disconnect: the will stands").isEqualTo("wills/device-1");
        assertThat(broker.sessions.get("device-1")).isNull();
    }

    @Test
    void authIsAProtocolError() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");

        client.send(MqttMessageBuilders.auth().reasonCode((byte) 0x18).properties(MqttProperties.NO_PROPERTIES).build());

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void authOnMqtt311IsMalformedAndCloses() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");

        client.sendBytes(0xF0, 0x00); // AUTH, remaining length 0: no such packet before MQTT 5

        assertThat(client.isOpen()).isFalse();
        client.expectNothing();
    }
}
