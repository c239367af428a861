package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.fixture.Paho;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT over WebSocket (section 6 of both specifications) at the hub's HTTP port, path {@code /mqtt}. */
class WebSocketTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void mqtt5RoundTripOverWebSocket() {
        String topic = clients.topic("ws/five");
        Mqtt5BlockingClient subscriber = clients.track(clients.v5WebSocketBuilder(clients.id("wssub")).buildBlocking());
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        assertThat(subscriber.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
        Mqtt5BlockingClient publisher = clients.track(clients.v5WebSocketBuilder(clients.id("wspub")).buildBlocking());
        publisher.connect();

        publisher.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(utf8("over websocket")).send();

        Mqtt5Publish received = inbox.next();
        assertThat(text(received)).isEqualTo("over websocket");
        assertThat(received.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
    }

    @Test
    void webSocketAndTcpClientsShareOneBroker() {
        String topic = clients.topic("ws/mixed");
        Inbox<Mqtt5Publish> tcpSubscriber = clients.subscriber(topic);
        Mqtt3BlockingClient webSocketSubscriber = clients.track(clients.v3WebSocketBuilder(clients.id("ws3")).buildBlocking());
        Inbox<Mqtt3Publish> webSocketInbox = Inbox.of(webSocketSubscriber);
        webSocketSubscriber.connect();
        webSocketSubscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        clients.v5Connected(clients.id("tcppub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("both ways")).send();

        assertThat(text(tcpSubscriber.next())).isEqualTo("both ways");
        assertThat(text(webSocketInbox.next())).isEqualTo("both ways");
    }

    @Test
    void pahoRoundTripOverWebSocket() throws MqttException {
        String topic = clients.topic("ws/paho");
        MqttClient paho = clients.pahoV3WebSocket(clients.id("pahows"));
        Inbox<Paho.V3Message> inbox = Paho.inbox(paho);
        paho.connect();
        paho.subscribe(topic, 1);

        paho.publish(topic, utf8("paho over websocket"), 1, false);

        assertThat(inbox.next().text()).isEqualTo("paho over websocket");
    }

    @Test
    void handshakeSelectsTheMqttSubprotocol() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hub.host(), hub.webSocketPort()), 5_000);
            socket.setSoTimeout(5_000);
            String key = Base64.getEncoder().encodeToString("thingbus-it-key!".getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /" + hub.webSocketPath() + " HTTP/1.1\r\n"
                    + "Host: " + hub.host() + ":" + hub.webSocketPort() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String response = readHeaders(socket.getInputStream()).toLowerCase(Locale.ROOT);

            // RFC 6455 101 Switching Protocols; 6.0: the subprotocol the Server selects MUST be "mqtt".
            assertThat(response).startsWith("http/1.1 101");
            assertThat(response).contains("sec-websocket-protocol: mqtt");
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.append((char) next);
        }
        return headers.toString();
    }
}
