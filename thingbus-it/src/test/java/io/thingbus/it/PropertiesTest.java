package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.fixture.Paho;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.Properties;
import io.thingbus.it.raw.PropertyId;
import io.thingbus.it.raw.Publish;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Subscription;
import io.thingbus.it.raw.UserProperty;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MQTT 5 PUBLISH properties travel end to end unaltered (3.3.2.3): Payload Format Indicator, Content Type,
 * Response Topic, Correlation Data and User Properties in order, duplicates included.
 */
class PropertiesTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void propertiesArriveUnalteredBetweenHiveMqClients() {
        String topic = clients.topic("props/hive");
        String responseTopic = clients.topic("props/replies");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);

        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("{\"t\":21.5}"))
                .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                .contentType("application/json")
                .responseTopic(responseTopic)
                .correlationData(new byte[] {0, 1, 2, (byte) 0xFF})
                .userProperties()
                .add("a", "1").add("b", "2").add("a", "3").add("a", "1")
                .applyUserProperties()
                .send();

        Mqtt5Publish received = inbox.next();
        // [MQTT-3.3.2-4] Payload Format Indicator unaltered.
        assertThat(received.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
        // [MQTT-3.3.2-20] Content Type unaltered.
        assertThat(received.getContentType().map(Object::toString)).contains("application/json");
        // [MQTT-3.3.2-15] Response Topic unaltered; [MQTT-3.3.2-16] Correlation Data unaltered.
        assertThat(received.getResponseTopic().map(Object::toString)).contains(responseTopic);
        assertThat(received.getCorrelationData()).hasValueSatisfying(data -> {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            assertThat(bytes).containsExactly(0, 1, 2, 0xFF);
        });
        // [MQTT-3.3.2-17] all User Properties forwarded, [MQTT-3.3.2-18] in their order; a name may repeat.
        assertThat(Clients.userProperties(received)).containsExactly("a=1", "b=2", "a=3", "a=1");
    }

    @Test
    void propertiesArriveUnalteredOnTheWire() {
        String topic = clients.topic("props/raw");
        RawMqttClient subscriber = clients.raw();
        assertThat(subscriber.connect(Connect.v5(clients.id("rawsub"))).reasonCode()).isZero();
        subscriber.subscribe(1, Subscription.of(topic, 1));
        RawMqttClient publisher = clients.raw();
        assertThat(publisher.connect(Connect.v5(clients.id("rawpub"))).reasonCode()).isZero();

        publisher.publish(Publish.of(topic, "payload").withQos(1, 1).withProperties(Properties.none()
                .withUserProperty("z", "last")
                .with(PropertyId.PAYLOAD_FORMAT_INDICATOR, 0)
                .with(PropertyId.CONTENT_TYPE, "text/plain; charset=utf-8")
                .withUserProperty("a", "first")
                .with(PropertyId.RESPONSE_TOPIC, "reply/here")
                .with(PropertyId.CORRELATION_DATA, new byte[] {42})
                .withUserProperty("z", "last")));

        Publish received = subscriber.readPublish();
        assertThat(received.properties().integer(PropertyId.PAYLOAD_FORMAT_INDICATOR)).contains(0L);
        assertThat(received.properties().string(PropertyId.CONTENT_TYPE)).contains("text/plain; charset=utf-8");
        assertThat(received.properties().string(PropertyId.RESPONSE_TOPIC)).contains("reply/here");
        assertThat(received.properties().binary(PropertyId.CORRELATION_DATA)).hasValueSatisfying(
                data -> assertThat(data).containsExactly(42));
        assertThat(received.properties().userProperties()).containsExactly(
                new UserProperty("z", "last"), new UserProperty("a", "first"), new UserProperty("z", "last"));
    }

    @Test
    void pahoSubscriberSeesTheHiveMqPublishersProperties() throws MqttException {
        String topic = clients.topic("props/paho");
        MqttClient paho = clients.pahoV5(clients.id("paho5"));
        Inbox<Paho.V5Message> inbox = Paho.inbox(paho);
        paho.connect();
        paho.subscribe(topic, 1);
        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("hivepub"));

        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("cross"))
                .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                .contentType("text/plain")
                .responseTopic("answers")
                .correlationData(utf8("req-7"))
                .userProperties().add("k", "v1").add("k", "v2").applyUserProperties()
                .send();

        Paho.V5Message received = inbox.next();
        assertThat(received.text()).isEqualTo("cross");
        MqttProperties properties = received.message().getProperties();
        assertThat(properties.getPayloadFormat()).isTrue();
        assertThat(properties.getContentType()).isEqualTo("text/plain");
        assertThat(properties.getResponseTopic()).isEqualTo("answers");
        assertThat(new String(properties.getCorrelationData(), StandardCharsets.UTF_8)).isEqualTo("req-7");
        assertThat(properties.getUserProperties()).extracting(p -> p.getKey() + "=" + p.getValue())
                .containsExactly("k=v1", "k=v2");
    }
}
