package io.thingbus.server.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate with its private key, as the hub made (or read back) it. */
record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {
}
