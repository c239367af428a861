package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.fixture.Paho;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eclipse Paho, a second and independent client implementation: MQTT 3.1.1 and 5 round trips at every QoS,
 * persistent sessions, and messages crossing between protocol versions and client libraries.
 */
class PahoInteropTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void pahoMqtt311RoundTrip(int qos) throws Exception {
        String topic = clients.topic("paho3/" + qos);
        var subscriber = clients.pahoV3(clients.id("p3sub"));
        Inbox<Paho.V3Message> inbox = Paho.inbox(subscriber);
        subscriber.connect();
        subscriber.subscribe(topic, qos);
        var publisher = clients.pahoV3(clients.id("p3pub"));
        publisher.connect();

        publisher.publish(topic, utf8("paho3 qos " + qos), qos, false);

        Paho.V3Message received = inbox.next();
        assertThat(received.topic()).isEqualTo(topic);
        assertThat(received.text()).isEqualTo("paho3 qos " + qos);
        assertThat(received.message().getQos()).isEqualTo(qos);
        assertThat(received.message().isDuplicate()).isFalse();
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void pahoMqtt5RoundTrip(int qos) throws Exception {
        String topic = clients.topic("paho5/" + qos);
        var subscriber = clients.pahoV5(clients.id("p5sub"));
        Inbox<Paho.V5Message> inbox = Paho.inbox(subscriber);
        subscriber.connect();
        subscriber.subscribe(topic, qos);
        var publisher = clients.pahoV5(clients.id("p5pub"));
        publisher.connect();

        publisher.publish(topic, utf8("paho5 qos " + qos), qos, false);

        Paho.V5Message received = inbox.next();
        assertThat(received.topic()).isEqualTo(topic);
        assertThat(received.text()).isEqualTo("paho5 qos " + qos);
        assertThat(received.message().getQos()).isEqualTo(qos);
    }

    @Test
    void pahoMqtt311PersistentSessionReceivesWhatWasPublishedWhileAway() throws Exception {
        String topic = clients.topic("paho3/session");
        var device = clients.pahoV3(clients.id("p3persist"));
        Inbox<Paho.V3Message> inbox = Paho.inbox(device);
        MqttConnectOptions persistent = new MqttConnectOptions();
        persistent.setCleanSession(false);
        assertThat(device.connectWithResult(persistent).getSessionPresent()).isFalse();
        device.subscribe(topic, 2);
        device.disconnect();

        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE)
                .payload(utf8("kept for you")).send();

        assertThat(device.connectWithResult(persistent).getSessionPresent()).isTrue();
        Paho.V3Message received = inbox.next();
        assertThat(received.text()).isEqualTo("kept for you");
        assertThat(received.message().getQos()).isEqualTo(2);
        device.disconnect();
        MqttConnectOptions clean = new MqttConnectOptions();
        clean.setCleanSession(true);
        device.connect(clean);
    }

    @Test
    void pahoMqtt5SessionWithExpiryReceivesWhatWasPublishedWhileAway() throws Exception {
        String topic = clients.topic("paho5/session");
        var device = clients.pahoV5(clients.id("p5persist"));
        Inbox<Paho.V5Message> inbox = Paho.inbox(device);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(60L);
        device.connectWithResult(options);
        device.subscribe(topic, 1);
        device.disconnect();

        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("kept for you")).send();

        options.setCleanStart(false);
        assertThat(device.connectWithResult(options).getSessionPresent()).isTrue();
        assertThat(inbox.next().text()).isEqualTo("kept for you");
    }

    @Test
    void mqtt311PublisherReachesMqtt5Subscriber() throws Exception {
        String topic = clients.topic("cross/3to5");
        Inbox<Mqtt5Publish> hiveMq5 = clients.subscriber(topic);
        var paho3 = clients.pahoV3(clients.id("p3"));
        paho3.connect();

        paho3.publish(topic, utf8("from 3.1.1"), 2, false);

        Mqtt5Publish received = hiveMq5.next();
        assertThat(text(received)).isEqualTo("from 3.1.1");
        assertThat(received.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
    }

    @Test
    void mqtt5PublisherReachesMqtt311Subscriber() throws Exception {
        String topic = clients.topic("cross/5to3");
        var paho3 = clients.pahoV3(clients.id("p3"));
        Inbox<Paho.V3Message> inbox = Paho.inbox(paho3);
        paho3.connect();
        paho3.subscribe(topic, 2);

        // MQTT 5 properties have no place in a 3.1.1 PUBLISH; the message itself still arrives.
        clients.v5Connected(clients.id("hive5")).publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE)
                .payload(utf8("from 5")).contentType("text/plain").userProperties().add("k", "v").applyUserProperties()
                .send();

        Paho.V3Message received = inbox.next();
        assertThat(received.text()).isEqualTo("from 5");
        assertThat(received.message().getQos()).isEqualTo(2);
    }

    @Test
    void pahoMqtt5PublisherReachesHiveMqMqtt311Subscriber() throws Exception {
        String topic = clients.topic("cross/paho5tohive3");
        var hive3 = clients.v3(clients.id("hive3"));
        var inbox = Inbox.of(hive3);
        hive3.connect();
        hive3.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        var paho5 = clients.pahoV5(clients.id("p5"));
        paho5.connect();

        paho5.publish(topic, utf8("paho 5 to hive 3"), 1, false);

        assertThat(text(inbox.next())).isEqualTo("paho 5 to hive 3");
    }
}
