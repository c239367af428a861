package io.thingbus.mqtt.internal.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS listeners ask for a client certificate but do not judge it during the handshake: a device's
 * certificate may be self-signed and known by its thumbprint only, so it is verified against the
 * device registry when the device sends CONNECT, not against a trust store here: the chain goes to
 * the {@code ClientAuthenticator} in the CONNECT's credentials, which decides what it grants. Clients
 * without one are served the same way.
 *
 * <p>Used on the server side only; asked to judge a server it refuses.
 */
final class ClientCertificatesAccepted extends X509ExtendedTrustManager {

    static final ClientCertificatesAccepted INSTANCE = new ClientCertificatesAccepted();

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private ClientCertificatesAccepted() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // accepted: judged at CONNECT by the device identity, see the class comment
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // accepted: judged at CONNECT by the device identity, see the class comment
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // accepted: judged at CONNECT by the device identity, see the class comment
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the hub's TLS listeners never act as a client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the hub's TLS listeners never act as a client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the hub's TLS listeners never act as a client");
    }

    /** No issuer list in the CertificateRequest: a client may offer any certificate it has. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
