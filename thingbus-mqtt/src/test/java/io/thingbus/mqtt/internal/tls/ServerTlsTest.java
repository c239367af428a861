package io.thingbus.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.thingbus.mqtt.TlsIdentity;
import io.thingbus.mqtt.internal.pipeline.ChannelHandlerNames;
import io.thingbus.mqtt.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerTlsTest {

    private static final TlsIdentity SERVER = TestCertificates.selfSigned("thingbus-test");
    private static final TlsIdentity DEVICE = TestCertificates.selfSigned("device-7");

    @Test
    void prefersBoringSslWhenItLoads() {
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative-boringssl-static loads here").isTrue();
        assertThat(ServerTls.of(SERVER).engine()).isEqualTo(OpenSsl.versionString());
        assertThat(ServerTls.of(SERVER, SslProvider.JDK).engine()).isEqualTo("JDK");
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void acceptsAClientCertificateItHasNeverSeenAndKeepsItForLater(SslProvider provider) throws Exception {
        EmbeddedChannel server = new EmbeddedChannel();
        ServerTls.of(SERVER, provider).addTlsStages(server);
        SslContext device = SslContextBuilder.forClient()
                .keyManager(DEVICE.privateKey(), DEVICE.certificateChain())
                .trustManager(SERVER.certificate())
                .build();
        EmbeddedChannel client = new EmbeddedChannel(device.newHandler(ByteBufAllocator.DEFAULT, "localhost", 8883));

        try {
            exchange(client, server);
            client.writeOutbound(Unpooled.copiedBuffer("after handshake", StandardCharsets.US_ASCII));
            exchange(client, server);

            ByteBuf plaintext = server.readInbound();
            assertThat(plaintext.toString(StandardCharsets.US_ASCII)).isEqualTo("after handshake");
            plaintext.release();
            SSLSession session = ((SslHandler) server.pipeline().get(ChannelHandlerNames.TLS)).engine().getSession();
            assertThat(session.getPeerCertificates()[0]).isEqualTo(DEVICE.certificate());
            assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
        } finally {
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }

    private static void exchange(EmbeddedChannel client, EmbeddedChannel server) throws SSLException {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Object bytes = client.readOutbound(); bytes != null; bytes = client.readOutbound()) {
                server.writeInbound(bytes);
                moved = true;
            }
            for (Object bytes = server.readOutbound(); bytes != null; bytes = server.readOutbound()) {
                client.writeInbound(bytes);
                moved = true;
            }
        }
        client.checkException();
        server.checkException();
    }
}
