package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.ssl.SslHandler;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.registry.auth.ClientCredentials;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What a CONNECT presents to the authenticator: its client id (as sent, empty when the client asks
 * for one), user name and password (or MQTT 5 authentication data), the certificate chain of the TLS handshake in front of it (when
 * there is one and the client offered a certificate), the peer's address and the transport.
 */
final class ConnectCredentials {

    private ConnectCredentials() {
    }

    /** The credentials of a CONNECT whose secret is {@code password} (the password field, or MQTT 5 authentication data). */
    static ClientCredentials of(ClientConnection connection, MqttConnectPayload payload, byte[] password) {
        return new ClientCredentials(payload.clientIdentifier(), payload.userName(), password,
                peerCertificates(connection.channel()), connection.remoteAddress(), connection.transport().label());
    }

    /** The same credentials with another secret (null for none): a re-authentication's new token. */
    static ClientCredentials withSecret(ClientCredentials credentials, byte[] secret) {
        return new ClientCredentials(credentials.clientId(), credentials.username(), secret,
                credentials.clientCertificates(), credentials.remoteAddress(), credentials.transport());
    }

    /** The client's certificate chain, leaf first; empty without TLS or without a client certificate. */
    static List<X509Certificate> peerCertificates(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return chain;
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            return List.of();
        }
    }
}
