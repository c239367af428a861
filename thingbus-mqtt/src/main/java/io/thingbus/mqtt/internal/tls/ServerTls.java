package io.thingbus.mqtt.internal.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.thingbus.mqtt.TlsIdentity;
import io.thingbus.mqtt.internal.pipeline.ChannelHandlerNames;
import javax.net.ssl.SSLException;

/**
 * The server side of TLS for every TLS listener: one {@link SslContext} built from the hub's
 * {@link TlsIdentity}, and the two stages it puts in front of a channel's pipeline.
 *
 * <p>TLS 1.3 and 1.2 only, on BoringSSL (netty-tcnative) when it loads on this machine, else on the
 * JDK's engine. Client certificates are requested but optional, and not judged here
 * ({@link ClientCertificatesAccepted}); the peer's chain stays readable from the {@code tls} stage's
 * session for whoever authenticates the device.
 */
public final class ServerTls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext context;
    private final SslProvider provider;

    private ServerTls(SslContext context, SslProvider provider) {
        this.context = context;
        this.provider = provider;
    }

    /**
     * Builds the TLS context; a key and certificate that do not make a usable server identity fail here,
     * at start-up, not at the first handshake.
     */
    public static ServerTls of(TlsIdentity identity) {
        return of(identity, OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
    }

    static ServerTls of(TlsIdentity identity, SslProvider provider) {
        try {
            SslContext context = SslContextBuilder.forServer(identity.privateKey(), identity.certificateChain())
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .clientAuth(ClientAuth.OPTIONAL)
                    .trustManager(ClientCertificatesAccepted.INSTANCE)
                    .build();
            return new ServerTls(context, provider);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot serve TLS with this key and certificate ("
                    + identity.certificate().getSubjectX500Principal() + "): " + e.getMessage(), e);
        }
    }

    /** Which engine performs the handshakes, for the start-up log: {@code BoringSSL} or {@code JDK}. */
    public String engine() {
        return provider == SslProvider.JDK ? "JDK" : OpenSsl.versionString();
    }

    /** Puts the TLS stages first in a new channel's pipeline; everything added after them sees plaintext. */
    public void addTlsStages(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(ChannelHandlerNames.TLS, context.newHandler(channel.alloc()));
        pipeline.addLast(ChannelHandlerNames.TLS_FAILURE, TlsFailureHandler.INSTANCE);
    }
}
