package io.thingbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.DeviceCertificate;
import io.thingbus.it.fixture.HubCa;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.fixture.Paho;
import io.thingbus.server.ServerConfig;
import io.thingbus.server.ThingbusServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT over TLS (port 8883 by default) and over secure WebSocket (8443, at {@code /mqtt} and
 * {@code /$iothub/websocket}) on a Thingbus hub started on loopback ports picked by the system, with the
 * certificates it makes on first start under {@code {data-dir}/tls}. Clients trust the hub's CA,
 * {@code tls/ca.pem}, as a user would. Always runs against Thingbus: the certificates are the hub's own.
 */
class TlsTest {

    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static ThingbusServer hub;
    private static Path caFile;
    private static TrustManagerFactory trustingTheHub;

    private final Deque<Runnable> cleanups = new ArrayDeque<>();
    private final String testTopic = "tls/" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    @BeforeAll
    static void startHub() throws Exception {
        ServerConfig config = ServerConfig.ephemeral(dataDir);
        hub = ThingbusServer.start(config.withAuth(config.auth().withAllowAnonymous(true)));
        caFile = dataDir.resolve("tls/ca.pem");
        trustingTheHub = HubCa.trusting(caFile);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @AfterEach
    void closeClients() {
        while (!cleanups.isEmpty()) {
            cleanups.pop().run();
        }
    }

    @Test
    void mqtt5OverTlsPublishesAndReceivesAtQos1() {
        Mqtt5BlockingClient subscriber = v5(tlsTo(hub.mqttsPort()).identifier(id("sub")).buildBlocking());
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        assertThat(subscriber.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        subscriber.subscribeWith().topicFilter(testTopic).qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient publisher = v5(tlsTo(hub.mqttsPort()).identifier(id("pub")).buildBlocking());
        publisher.connect();

        publisher.publishWith().topic(testTopic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("over tls")).send();

        Mqtt5Publish received = inbox.next();
        assertThat(Clients.text(received)).isEqualTo("over tls");
        assertThat(received.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    }

    @Test
    void tlsAndPlainClientsShareOneBroker() {
        Mqtt5BlockingClient plainSubscriber = v5(MqttClient.builder().useMqttVersion5().identifier(id("plain"))
                .serverHost("127.0.0.1").serverPort(hub.mqttPort()).buildBlocking());
        Inbox<Mqtt5Publish> inbox = Inbox.of(plainSubscriber);
        plainSubscriber.connect();
        plainSubscriber.subscribeWith().topicFilter(testTopic).qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient tlsPublisher = v5(tlsTo(hub.mqttsPort()).identifier(id("tlspub")).buildBlocking());
        tlsPublisher.connect();

        tlsPublisher.publishWith().topic(testTopic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("crossing")).send();

        assertThat(Clients.text(inbox.next())).isEqualTo("crossing");
    }

    @Test
    void pahoV3OverSslWithASocketFactoryFromTheCa() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustingTheHub.getTrustManagers(), null);
        var paho = new org.eclipse.paho.client.mqttv3.MqttClient("ssl://127.0.0.1:" + hub.mqttsPort(), id("paho"),
                new MemoryPersistence());
        cleanups.push(() -> closeQuietly(paho));
        Inbox<Paho.V3Message> inbox = Paho.inbox(paho);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(context.getSocketFactory());
        options.setHttpsHostnameVerificationEnabled(true);
        paho.connect(options);
        paho.subscribe(testTopic, 1);

        paho.publish(testTopic, utf8("paho over ssl"), 1, false);

        assertThat(inbox.next().text()).isEqualTo("paho over ssl");
    }

    @Test
    void clientThatDoesNotTrustTheHubsCaFailsTheHandshake() {
        // the JDK's default trust store: public CAs only, not the hub's own
        Mqtt5BlockingClient stranger = v5(MqttClient.builder().useMqttVersion5().identifier(id("stranger"))
                .serverHost("localhost").serverPort(hub.mqttsPort())
                .sslWithDefaultConfig()
                .buildBlocking());

        assertThatThrownBy(stranger::connect).satisfies(failure ->
                assertThat(causes(failure)).hasAtLeastOneElementOfType(SSLHandshakeException.class));

        Mqtt5BlockingClient trusting = v5(tlsTo(hub.mqttsPort()).identifier(id("trusting")).buildBlocking());
        assertThat(trusting.connect().getReasonCode()).as("the hub serves on").isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
    }

    @Test
    void plainMqttOnTheTlsPortIsDisconnected() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", hub.mqttsPort()), 5_000);
            socket.setSoTimeout(5_000);
            // CONNECT, MQTT 3.1.1, clean session, keep-alive 60 s, client id "p"
            socket.getOutputStream().write(new byte[] {
                    0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 1, 'p'});
            socket.getOutputStream().flush();

            assertThat(readUntilClosed(socket.getInputStream())).as("no CONNACK, the connection closes").isTrue();
        }
    }

    @Test
    void aClientCertificateNoDeviceHoldsIsRefusedAsBadCredentials() throws Exception {
        // a self-signed device certificate the hub has never seen: the handshake asks for it and takes it,
        // then authentication finds no device with its thumbprint (DeviceIdentityTest registers one)
        Mqtt5BlockingClient device = v5(MqttClient.builder().useMqttVersion5().identifier(id("x509"))
                .serverHost("localhost").serverPort(hub.mqttsPort())
                .sslConfig(MqttClientSslConfig.builder()
                        .trustManagerFactory(trustingTheHub)
                        .keyManagerFactory(DeviceCertificate.selfSigned("device-x509").keyManagers())
                        .build())
                .buildBlocking());

        assertThatThrownBy(device::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused ->
                assertThat(refused.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void mqttOverSecureWebSocketAtTheAzureIotHubPath() {
        Mqtt3BlockingClient subscriber = v3(secureWebSocket("$iothub/websocket").identifier(id("wsssub")).buildBlocking());
        Inbox<Mqtt3Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(testTopic).qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient publisher = v5(tlsTo(hub.mqttsPort()).identifier(id("pub")).buildBlocking());
        publisher.connect();

        publisher.publishWith().topic(testTopic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("to azure path")).send();

        assertThat(Clients.text(inbox.next())).isEqualTo("to azure path");
    }

    @Test
    void mqttOverSecureWebSocketAtMqttPathAndAzurePathWithItsQueryString() {
        Mqtt5BlockingClient subscriber = v5(MqttClient.builder().useMqttVersion5().identifier(id("wssmqtt"))
                .serverHost("localhost").serverPort(hub.httpsPort())
                .sslConfig().trustManagerFactory(trustingTheHub).applySslConfig()
                .webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
                .buildBlocking());
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(testTopic).qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt3BlockingClient azureLike = v3(MqttClient.builder().useMqttVersion3().identifier(id("azure"))
                .serverHost("localhost").serverPort(hub.httpsPort())
                .sslConfig().trustManagerFactory(trustingTheHub).applySslConfig()
                .webSocketConfig().serverPath("$iothub/websocket").queryString("iothub-no-client-cert=true")
                .applyWebSocketConfig()
                .buildBlocking());
        azureLike.connect();

        azureLike.publishWith().topic(testTopic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("sdk style")).send();

        assertThat(Clients.text(inbox.next())).isEqualTo("sdk style");
    }

    @Test
    void plainWebSocketListenerAcceptsTheAzureIotHubPathToo() {
        Mqtt3BlockingClient client = v3(MqttClient.builder().useMqttVersion3().identifier(id("wsazure"))
                .serverHost("127.0.0.1").serverPort(hub.httpPort())
                .webSocketConfig().serverPath("$iothub/websocket").applyWebSocketConfig()
                .buildBlocking());
        Inbox<Mqtt3Publish> inbox = Inbox.of(client);
        client.connect();
        client.subscribeWith().topicFilter(testTopic).qos(MqttQos.AT_LEAST_ONCE).send();

        client.publishWith().topic(testTopic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("plain azure path")).send();

        assertThat(Clients.text(inbox.next())).isEqualTo("plain azure path");
    }

    @Test
    void otherPathsOnTheHttpsPortGet404() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustingTheHub.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", hub.httpsPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /somewhere-else HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(response).isEqualTo("HTTP/1.1 404");
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void mosquittoClientsWithTheCaFile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_pub")) && Files.isExecutable(Path.of("/usr/bin/mosquitto_sub")),
                "mosquitto-clients is not installed");
        String port = String.valueOf(hub.mqttsPort());

        // by IP address (the certificate names 127.0.0.1); retained, so the subscriber below gets it without racing
        Finished publish = run("mosquitto_pub", "--cafile", caFile.toString(), "-h", "127.0.0.1", "-p", port,
                "-t", testTopic, "-m", "from mosquitto", "-q", "1", "-r");
        assertThat(publish.exitCode()).as(publish.output()).isZero();
        // by host name (the certificate names localhost)
        Finished subscribe = run("mosquitto_sub", "--cafile", caFile.toString(), "-h", "localhost", "-p", port,
                "-t", testTopic, "-C", "1", "-W", "15", "-q", "1");
        assertThat(subscribe.exitCode()).as(subscribe.output()).isZero();
        assertThat(subscribe.output().strip()).isEqualTo("from mosquitto");

        Finished clear = run("mosquitto_pub", "--cafile", caFile.toString(), "-h", "localhost", "-p", port,
                "-t", testTopic, "-n", "-r");
        assertThat(clear.exitCode()).as(clear.output()).isZero();
    }

    @Test
    void mosquittoClientWithoutTheCaFileIsRefused() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mosquitto_pub")), "mosquitto-clients is not installed");
        assumeTrue(Files.isDirectory(Path.of("/etc/ssl/certs")), "no system CA directory");

        // the system's CA directory does not hold the hub's CA
        Finished publish = run("mosquitto_pub", "--capath", "/etc/ssl/certs", "-h", "localhost",
                "-p", String.valueOf(hub.mqttsPort()), "-t", testTopic, "-m", "x");

        assertThat(publish.exitCode()).as(publish.output()).isNotZero();
        assertThat(publish.output().toLowerCase(Locale.ROOT)).contains("tls error");
    }

    // ---- clients ----

    private com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder tlsTo(int port) {
        return MqttClient.builder().useMqttVersion5()
                .serverHost("127.0.0.1").serverPort(port)
                .sslConfig().trustManagerFactory(trustingTheHub).applySslConfig();
    }

    private com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder secureWebSocket(String path) {
        return MqttClient.builder().useMqttVersion3()
                .serverHost("localhost").serverPort(hub.httpsPort())
                .sslConfig().trustManagerFactory(trustingTheHub).applySslConfig()
                .webSocketConfig().serverPath(path).applyWebSocketConfig();
    }

    private Mqtt5BlockingClient v5(Mqtt5BlockingClient client) {
        cleanups.push(() -> {
            if (client.getState().isConnectedOrReconnect()) {
                client.toAsync().disconnect().orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        });
        return client;
    }

    private Mqtt3BlockingClient v3(Mqtt3BlockingClient client) {
        cleanups.push(() -> {
            if (client.getState().isConnectedOrReconnect()) {
                client.toAsync().disconnect().orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        });
        return client;
    }

    private static void closeQuietly(org.eclipse.paho.client.mqttv3.MqttClient paho) {
        try {
            if (paho.isConnected()) {
                paho.disconnect(1000);
            }
            paho.close(true);
        } catch (MqttException ignored) {
            // the test is over
        }
    }

    private static String id(String name) {
        return name + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- processes and sockets ----

    /** A finished command: its exit code and its output (standard output and error together). */
    private record Finished(int exitCode, String output) {
    }

    private Finished run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        cleanups.push(process::destroyForcibly);
        // the clients print little, so their output fits the pipe until they exit
        assertThat(process.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .as("%s finished within %s", String.join(" ", command), PROCESS_TIMEOUT).isTrue();
        return new Finished(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Reads until the peer closes (true) or the read times out (false). */
    private static boolean readUntilClosed(InputStream in) {
        try {
            while (in.read() >= 0) {
                // discard: a TLS alert, if the server sends one
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the peer: closed as well
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
