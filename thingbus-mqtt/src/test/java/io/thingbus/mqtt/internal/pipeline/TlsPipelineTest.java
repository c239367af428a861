package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.mqtt.TlsIdentity;
import io.thingbus.mqtt.internal.tls.ServerTls;
import io.thingbus.mqtt.internal.transport.TcpChannelInitializer;
import io.thingbus.mqtt.internal.transport.WebSocketChannelInitializer;
import io.thingbus.mqtt.testing.TestCertificates;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.registry.auth.ClientCredentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The TLS listeners' pipelines: their stages, a handshake and an MQTT exchange through them, and failed handshakes. */
class TlsPipelineTest {

    private static final TlsIdentity SERVER = TestCertificates.selfSigned("thingbus-test");
    private static final ServerTls TLS = ServerTls.of(SERVER);

    private final EmbeddedBroker broker = new EmbeddedBroker();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger tlsLogger = (Logger) LoggerFactory.getLogger("io.thingbus.mqtt.internal.tls");
    private Level tlsLevel;

    @BeforeEach
    void captureLogs() {
        logged.start();
        root.addAppender(logged);
        tlsLevel = tlsLogger.getLevel();
        tlsLogger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void close() {
        root.detachAppender(logged);
        tlsLogger.setLevel(tlsLevel);
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
        broker.close();
    }

    @Test
    void tlsListenerPutsTheTlsStagesBeforeTheTcpAndMqttStages() {
        EmbeddedChannel server = track(new EmbeddedChannel(new TcpChannelInitializer(broker.initializer, TLS)));

        assertThat(server.pipeline().names()).containsSubsequence(
                ChannelHandlerNames.TLS,
                ChannelHandlerNames.TLS_FAILURE,
                ChannelHandlerNames.FLUSH_CONSOLIDATION,
                ChannelHandlerNames.MQTT_DECODER,
                ChannelHandlerNames.MQTT_ENCODER,
                ChannelHandlerNames.DECODER_FAILURE,
                ChannelHandlerNames.PACKET_DISPATCHER,
                ChannelHandlerNames.CONNECTION_LIFECYCLE);
        assertThat(server.pipeline().names().getFirst()).isEqualTo(ChannelHandlerNames.TLS);
        SSLEngine engine = ((SslHandler) server.pipeline().get(ChannelHandlerNames.TLS)).engine();
        assertThat(engine.getUseClientMode()).isFalse();
        assertThat(engine.getWantClientAuth()).as("client certificates are asked for").isTrue();
        assertThat(engine.getNeedClientAuth()).as("but not required").isFalse();
        // (OpenSSL also lists the pseudo-protocol SSLv2Hello: it reads old-format ClientHellos, then speaks TLS 1.2+)
        assertThat(engine.getEnabledProtocols()).contains("TLSv1.2", "TLSv1.3")
                .doesNotContain("SSLv3", "TLSv1", "TLSv1.1");
    }

    @Test
    void plainTcpListenerHasNoTlsStage() {
        EmbeddedChannel server = track(new EmbeddedChannel(new TcpChannelInitializer(broker.initializer)));

        assertThat(server.pipeline().names()).doesNotContain(ChannelHandlerNames.TLS, ChannelHandlerNames.TLS_FAILURE);
        assertThat(server.pipeline().get(SslHandler.class)).isNull();
    }

    @Test
    void secureWebSocketListenerPutsTheTlsStagesBeforeTheHttpStages() {
        EmbeddedChannel server = track(new EmbeddedChannel(new WebSocketChannelInitializer(broker.initializer,
                Set.of("/mqtt", MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH), 1024, TLS)));

        assertThat(server.pipeline().names()).containsSubsequence(
                ChannelHandlerNames.TLS,
                ChannelHandlerNames.TLS_FAILURE,
                ChannelHandlerNames.WEBSOCKET_HTTP_CODEC,
                ChannelHandlerNames.WEBSOCKET_AGGREGATOR,
                ChannelHandlerNames.WEBSOCKET_PATH,
                ChannelHandlerNames.WEBSOCKET_PROTOCOL,
                ChannelHandlerNames.WEBSOCKET_FRAMES,
                ChannelHandlerNames.MQTT_DECODER,
                ChannelHandlerNames.CONNECTION_LIFECYCLE);
        assertThat(server.pipeline().names().getFirst()).isEqualTo(ChannelHandlerNames.TLS);
    }

    @Test
    void mqttConnectsThroughTheTlsStages() throws SSLException {
        EmbeddedChannel server = track(new EmbeddedChannel(new TcpChannelInitializer(broker.initializer, TLS)));
        SslContext trusting = SslContextBuilder.forClient().trustManager(SERVER.certificate()).build();
        HandshakeEvents clientEvents = new HandshakeEvents();
        EmbeddedChannel client = track(new EmbeddedChannel(trusting.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT,
                "localhost", 8883), clientEvents, MqttEncoder.INSTANCE, new MqttDecoder()));

        pump(client, server);
        client.writeOutbound(connectPacket(MqttVersion.MQTT_3_1_1, "tls-device").build());
        pump(client, server);

        assertThat(clientEvents.completion).isNotNull();
        assertThat(clientEvents.completion.isSuccess()).isTrue();
        MqttConnAckMessage connAck = client.readInbound();
        assertThat(connAck.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(broker.sessions.get("tls-device")).isNotNull();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void theAuthenticatorSeesTheClientCertificateChainAndTheTlsTransport() throws SSLException {
        List<ClientCredentials> seen = new ArrayList<>();
        try (EmbeddedBroker recording = new EmbeddedBroker(credentials -> {
            seen.add(credentials);
            return ClientAuthenticator.ALLOW_ALL.authenticate(credentials);
        })) {
            TlsIdentity device = TestCertificates.selfSigned("device-1");
            EmbeddedChannel server = track(new EmbeddedChannel(new TcpChannelInitializer(recording.initializer, TLS)));
            SslContext withCertificate = SslContextBuilder.forClient().trustManager(SERVER.certificate())
                    .keyManager(device.privateKey(), device.certificateChain()).build();
            EmbeddedChannel client = track(new EmbeddedChannel(withCertificate.newHandler(
                    io.netty.buffer.ByteBufAllocator.DEFAULT, "localhost", 8883), new HandshakeEvents(),
                    MqttEncoder.INSTANCE, new MqttDecoder()));

            pump(client, server);
            client.writeOutbound(connectPacket(MqttVersion.MQTT_3_1_1, "device-1").build());
            pump(client, server);

            MqttConnAckMessage connAck = client.readInbound();
            assertThat(connAck.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(seen).singleElement().satisfies(credentials -> {
                assertThat(credentials.transport()).isEqualTo("mqtts");
                assertThat(credentials.clientCertificates()).containsExactly(device.certificate());
            });
        }
    }

    @Test
    void clientThatDoesNotTrustTheCertificateIsClosedAndLoggedAtDebugOnly() throws SSLException {
        EmbeddedChannel server = track(new EmbeddedChannel(new TcpChannelInitializer(broker.initializer, TLS)));
        // trusts some other certificate, so it refuses the hub's and sends a fatal alert
        SslContext distrusting = SslContextBuilder.forClient()
                .trustManager(TestCertificates.selfSigned("someone-else").certificate()).build();
        EmbeddedChannel client = track(new EmbeddedChannel(distrusting.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT,
                "localhost", 8883), new HandshakeEvents()));

        pump(client, server);

        assertThat(server.isOpen()).isFalse();
        server.checkException(); // nothing escaped the pipeline
        assertThat(warnings()).isEmpty();
        assertThat(debugFromTls()).singleElement().satisfies(message -> {
            assertThat(message).contains("TLS handshake failed").contains("conn=");
        });
    }

    @Test
    void plainMqttOnTheTlsPortIsClosedAndLoggedAtDebugOnly() {
        EmbeddedChannel server = track(new EmbeddedChannel(new TcpChannelInitializer(broker.initializer, TLS)));
        EmbeddedChannel plain = track(new EmbeddedChannel(MqttEncoder.INSTANCE));
        plain.writeOutbound(connectPacket(MqttVersion.MQTT_3_1_1, "plain").build());

        server.writeInbound((ByteBuf) plain.readOutbound());
        server.runPendingTasks();

        assertThat(server.isOpen()).isFalse();
        server.checkException();
        assertThat(broker.sessions.get("plain")).isNull();
        assertThat(warnings()).isEmpty();
        assertThat(debugFromTls()).singleElement().satisfies(message ->
                assertThat(message).contains("not a TLS record"));
    }

    @Test
    void clientOfferingOnlyOldProtocolsIsRefused() throws SSLException {
        EmbeddedChannel server = track(new EmbeddedChannel(new TcpChannelInitializer(broker.initializer, TLS)));
        SslContext tls11 = SslContextBuilder.forClient().protocols("TLSv1.1")
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        HandshakeEvents clientEvents = new HandshakeEvents();
        EmbeddedChannel client = track(new EmbeddedChannel(tls11.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT),
                clientEvents));

        pump(client, server);

        assertThat(server.isOpen()).isFalse();
        assertThat(clientEvents.completion == null || !clientEvents.completion.isSuccess()).isTrue();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void webSocketPathFilterAnswersOtherPaths404() {
        EmbeddedChannel server = track(new EmbeddedChannel(new WebSocketChannelInitializer(broker.initializer,
                Set.of("/mqtt", MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH), 1024)));

        server.writeInbound(Unpooled.copiedBuffer("GET /other HTTP/1.1\r\nHost: localhost\r\n\r\n", StandardCharsets.US_ASCII));

        ByteBuf response = server.readOutbound();
        assertThat(response.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 404");
        response.release();
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void webSocketUpgradesOnTheAzurePathWithAQueryString() {
        EmbeddedChannel server = track(new EmbeddedChannel(new WebSocketChannelInitializer(broker.initializer,
                Set.of("/mqtt", MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH), 1024)));

        server.writeInbound(Unpooled.copiedBuffer("GET /$iothub/websocket?iothub-no-client-cert=true HTTP/1.1\r\n"
                + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\n\r\n", StandardCharsets.US_ASCII));

        ByteBuf response = server.readOutbound();
        assertThat(response.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101")
                .containsIgnoringCase("sec-websocket-protocol: mqtt");
        response.release();
        assertThat(server.isOpen()).isTrue();
    }

    /** Moves bytes both ways until neither side has anything more to say. */
    private static void pump(EmbeddedChannel client, EmbeddedChannel server) {
        boolean moved = true;
        while (moved) {
            moved = transfer(client, server) | transfer(server, client);
            client.runPendingTasks();
            server.runPendingTasks();
        }
    }

    private static boolean transfer(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (Object bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
            moved = true;
            if (to.isOpen()) {
                to.writeInbound(bytes);
            } else {
                ((ByteBuf) bytes).release();
            }
        }
        return moved;
    }

    private EmbeddedChannel track(EmbeddedChannel channel) {
        channels.add(channel);
        return channel;
    }

    private List<String> warnings() {
        return logged.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
    }

    private List<String> debugFromTls() {
        return logged.list.stream()
                .filter(event -> event.getLevel() == Level.DEBUG && event.getLoggerName().startsWith(tlsLogger.getName()))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Records the client side's handshake outcome; swallows its (expected) failure. */
    private static final class HandshakeEvents extends ChannelInboundHandlerAdapter {

        SslHandshakeCompletionEvent completion;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent done) {
                completion = done;
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
