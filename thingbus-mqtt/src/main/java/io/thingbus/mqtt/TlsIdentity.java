package io.thingbus.mqtt;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What the TLS listeners present to clients: the server's private key and its certificate chain, leaf
 * first. Where they come from (the operator's PEM files, or certificates the hub made itself) is the
 * caller's business; this module only serves them.
 *
 * @param privateKey       the key of the leaf certificate
 * @param certificateChain the leaf certificate, then any intermediates; never empty
 */
public record TlsIdentity(PrivateKey privateKey, List<X509Certificate> certificateChain) {

    public TlsIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        certificateChain = List.copyOf(certificateChain);
        if (certificateChain.isEmpty()) {
            throw new IllegalArgumentException("certificateChain must hold at least the server's certificate");
        }
    }

    /** The server's own certificate. */
    public X509Certificate certificate() {
        return certificateChain.getFirst();
    }
}
