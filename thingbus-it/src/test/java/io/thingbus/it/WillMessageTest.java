package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.fixture.KnownDeviations;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.Packets;
import io.thingbus.it.raw.Properties;
import io.thingbus.it.raw.PropertyId;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Will;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Will Messages (3.1.2.5 in both specifications, and the MQTT 5 Will Delay Interval). */
class WillMessageTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void mqtt311WillIsPublishedWhenTheNetworkConnectionDrops() {
        String willTopic = clients.topic("will/drop3");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient device = clients.raw();
        assertThat(device.connect(Connect.v311(clients.id("drop3"))
                .will(Will.of(willTopic, "gone").withQos(1))).reasonCode()).isZero();

        device.close();

        // [MQTT-3.1.2-8] the Will Message MUST be published when the connection closes without DISCONNECT.
        Mqtt5Publish will = watcher.next();
        assertThat(will.getTopic().toString()).isEqualTo(willTopic);
        assertThat(text(will)).isEqualTo("gone");
        assertThat(will.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        assertThat(will.isRetain()).isFalse();
    }

    @Test
    void mqtt5WillIsPublishedWhenTheNetworkConnectionDrops() {
        String willTopic = clients.topic("will/drop5");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient device = clients.raw();
        assertThat(device.connect(Connect.v5(clients.id("drop5"))
                .will(Will.of(willTopic, "gone").withQos(2))).reasonCode()).isZero();

        device.close();

        Mqtt5Publish will = watcher.next();
        assertThat(text(will)).isEqualTo("gone");
        assertThat(will.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
    }

    @Test
    void willIsPublishedWhenKeepAliveExpires() {
        String willTopic = clients.topic("will/keepalive");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient device = clients.raw();
        assertThat(device.connect(Connect.v311(clients.id("silent"))
                .keepAlive(1)
                .will(Will.of(willTopic, "timed out"))).reasonCode()).isZero();

        // The device stays connected but silent; the hub drops it after 1.5 s and publishes the will.
        assertThat(text(watcher.next(Duration.ofMillis(1_500).plus(hub.timerSlack())))).isEqualTo("timed out");
        device.awaitClosed(Duration.ofSeconds(2));
    }

    @Test
    void mqtt311WillIsPublishedOnSessionTakeover() {
        String willTopic = clients.topic("will/takeover3");
        String clientId = clients.id("takeover3");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient first = clients.raw();
        assertThat(first.connect(Connect.v311(clientId).will(Will.of(willTopic, "replaced"))).reasonCode()).isZero();

        RawMqttClient second = clients.raw();
        assertThat(second.connect(Connect.v311(clientId)).reasonCode()).isZero();

        // The first connection is closed by the server, not by a DISCONNECT: [MQTT-3.1.2-8] its will is published.
        assertThat(text(watcher.next())).isEqualTo("replaced");
    }

    @Test
    void mqtt5WillIsPublishedOnSessionTakeover() {
        String willTopic = clients.topic("will/takeover5");
        String clientId = clients.id("takeover5");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient first = clients.raw();
        assertThat(first.connect(Connect.v5(clientId).will(Will.of(willTopic, "replaced"))).reasonCode()).isZero();

        RawMqttClient second = clients.raw();
        assertThat(second.connect(Connect.v5(clientId)).reasonCode()).isZero();

        // 5.0 3.1.4: "If the existing Client has a Will Message, that Will Message is published" (no delay set).
        assertThat(text(watcher.next())).isEqualTo("replaced");
    }

    @Test
    void mqtt311WillIsDiscardedOnNormalDisconnect() {
        String willTopic = clients.topic("will/clean3");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient device = clients.raw();
        assertThat(device.connect(Connect.v311(clients.id("clean3"))
                .will(Will.of(willTopic, "must not appear"))).reasonCode()).isZero();

        device.send(Packets.disconnect());
        device.close();

        // [MQTT-3.14.4-3] on DISCONNECT the Server MUST discard the Will Message without publishing it.
        watcher.assertNothingWithin();
    }

    @Test
    void mqtt5WillIsDiscardedOnDisconnectWithReasonCodeZero() {
        String willTopic = clients.topic("will/clean5");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        Mqtt5BlockingClient device = clients.v5(clients.id("clean5"));
        device.connectWith().willPublish().topic(willTopic).payload(utf8("must not appear")).applyWillPublish().send();

        device.disconnect();

        watcher.assertNothingWithin();
    }

    @Test
    void mqtt5DisconnectWithWillMessageReasonCodePublishesTheWill() {
        String willTopic = clients.topic("will/0x04");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        Mqtt5BlockingClient device = clients.v5(clients.id("with04"));
        device.connectWith().willPublish().topic(willTopic).payload(utf8("on purpose")).applyWillPublish().send();

        // 5.0 3.14.2.1: Reason Code 0x04, "Disconnect with Will Message": the Server publishes the will.
        device.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();

        assertThat(text(watcher.next())).isEqualTo("on purpose");
    }

    @Test
    void willRetainFlagStoresTheWillAsRetainedMessage() {
        String willTopic = clients.topic("will/retained");
        RawMqttClient device = clients.raw();
        assertThat(device.connect(Connect.v311(clients.id("retwill"))
                .will(Will.of(willTopic, "last words").withQos(1).withRetain(true))).reasonCode()).isZero();
        Inbox<Mqtt5Publish> live = clients.subscriber(willTopic);

        device.close();
        assertThat(text(live.next())).isEqualTo("last words");

        // [MQTT-3.1.2-17] Will Retain 1: the Server MUST publish the Will Message as a retained message.
        Mqtt5Publish retained = clients.subscriber(willTopic).next();
        assertThat(text(retained)).isEqualTo("last words");
        assertThat(retained.isRetain()).isTrue();
    }

    @Test
    void willDelayIntervalDelaysTheWill() {
        String willTopic = clients.topic("will/delayed");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient device = clients.raw();
        assertThat(device.connect(Connect.v5(clients.id("delayed"))
                .properties(Properties.none().with(PropertyId.SESSION_EXPIRY_INTERVAL, 60))
                .will(Will.of(willTopic, "late").withProperties(
                        Properties.none().with(PropertyId.WILL_DELAY_INTERVAL, 2)))).reasonCode()).isZero();

        long droppedAt = System.nanoTime();
        device.close();

        // 5.0 3.1.3.2.2: the Server delays publishing the Will Message until the Will Delay Interval has passed.
        assertThat(text(watcher.next())).isEqualTo("late");
        assertThat(Duration.ofNanos(System.nanoTime() - droppedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void delayedWillIsCancelledWhenTheClientReconnectsInTime() {
        String willTopic = clients.topic("will/cancelled");
        String clientId = clients.id("comeback");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient device = clients.raw();
        assertThat(device.connect(Connect.v5(clientId)
                .properties(Properties.none().with(PropertyId.SESSION_EXPIRY_INTERVAL, 60))
                .will(Will.of(willTopic, "must not appear").withProperties(
                        Properties.none().with(PropertyId.WILL_DELAY_INTERVAL, 1)))).reasonCode()).isZero();
        device.close();

        RawMqttClient again = clients.raw();
        assertThat(again.connect(Connect.v5(clientId).cleanStart(false)
                .properties(Properties.none().with(PropertyId.SESSION_EXPIRY_INTERVAL, 60))).sessionPresent()).isTrue();

        // [MQTT-3.1.3-9] a new Network Connection before the delay passes: the Server MUST NOT send the will.
        watcher.assertNothingWithin(Duration.ofMillis(2_000));
        again.send(Packets.disconnect(0x00, Properties.none().with(PropertyId.SESSION_EXPIRY_INTERVAL, 0)));
    }

    @Test
    void delayedWillIsPublishedWhenTheSessionEndsFirst() {
        KnownDeviations.mosquittoDeviatesFrom(hub, "[MQTT-3.1.2-8] it holds a delayed will past the end of a"
                + " session with Session Expiry Interval 0 instead of publishing it when the session ends");
        String willTopic = clients.topic("will/session-end");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient device = clients.raw();
        // Session Expiry Interval absent (0): the session ends with the connection, long before the 60 s delay.
        assertThat(device.connect(Connect.v5(clients.id("sessend"))
                .will(Will.of(willTopic, "session over").withProperties(
                        Properties.none().with(PropertyId.WILL_DELAY_INTERVAL, 60)))).reasonCode()).isZero();

        device.close();

        // 5.0 3.1.2.5: the will is published when the delay passes or the Session ends, whichever happens first.
        assertThat(text(watcher.next())).isEqualTo("session over");
    }

    @Test
    void willPropertiesReachTheSubscriber() {
        String willTopic = clients.topic("will/properties");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient device = clients.raw();
        assertThat(device.connect(Connect.v5(clients.id("willprops"))
                .will(Will.of(willTopic, "{\"online\":false}").withProperties(Properties.none()
                        .with(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)
                        .with(PropertyId.CONTENT_TYPE, "application/json")
                        .withUserProperty("reason", "power")
                        .withUserProperty("reason", "network")))).reasonCode()).isZero();

        device.close();

        Mqtt5Publish will = watcher.next();
        assertThat(will.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).isEqualTo("application/json"));
        assertThat(will.getPayloadFormatIndicator()).isPresent();
        assertThat(Clients.userProperties(will)).containsExactly("reason=power", "reason=network");
    }
}
