package io.thingbus.registry.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a client presented when it connected: the fields of its MQTT CONNECT (or the HTTP request of
 * a device that cannot hold a socket) and the certificate chain of its TLS handshake.
 *
 * @param clientId           the MQTT client identifier (empty when the client asked to be assigned one)
 * @param username           the user name, or null
 * @param password           the password bytes, or null; never logged
 * @param clientCertificates the client's certificate chain, leaf first, empty without TLS client authentication
 * @param remoteAddress      the peer's address, for rate limiting and connection state
 * @param transport          how it came: {@code mqtt}, {@code mqtts}, {@code ws}, {@code wss} or {@code http}
 */
public record ClientCredentials(String clientId, String username, byte[] password,
                                List<X509Certificate> clientCertificates, String remoteAddress, String transport) {

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        clientCertificates = List.copyOf(clientCertificates);
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(transport, "transport");
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", username=" + username + ", password="
                + (password == null ? "none" : "<hidden>") + ", certificates=" + clientCertificates.size()
                + ", remote=" + remoteAddress + ", transport=" + transport + "]";
    }
}
