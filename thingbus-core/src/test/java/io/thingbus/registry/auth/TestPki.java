package io.thingbus.registry.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** EC P-256 certificates for X.509 device tests: CAs and device leaves, valid around a given instant. */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** A certificate and the private key of its subject. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private TestPki() {
    }

    /** A self-signed root CA valid for ten years from a year before {@code around}. */
    static Issued rootCa(String name, Instant around) {
        KeyPair keys = newKeys();
        return issue(name, keys, name, keys.getPrivate(), around.minus(Duration.ofDays(365)),
                around.plus(Duration.ofDays(3650)), true);
    }

    /** An intermediate CA signed by {@code issuer}. */
    static Issued intermediateCa(String name, Issued issuer, Instant around) {
        return issue(name, newKeys(), subjectOf(issuer), issuer.key(), around.minus(Duration.ofDays(30)),
                around.plus(Duration.ofDays(365)), true);
    }

    /** A device certificate {@code CN=commonName} signed by {@code issuer}, valid in {@code [notBefore, notAfter]}. */
    static Issued leaf(String commonName, Issued issuer, Instant notBefore, Instant notAfter) {
        return issue("CN=" + commonName + ",O=Thingbus tests", newKeys(), subjectOf(issuer), issuer.key(), notBefore,
                notAfter, false);
    }

    /** A self-signed device certificate, as devices registered by thumbprint often have. */
    static Issued selfSigned(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeys();
        String name = "CN=" + commonName;
        return issue(name, keys, name, keys.getPrivate(), notBefore, notAfter, false);
    }

    private static String subjectOf(Issued issued) {
        return issued.certificate().getSubjectX500Principal().getName();
    }

    private static Issued issue(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey, Instant notBefore,
                                Instant notAfter, boolean ca) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKeys.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
            return new Issued(certificate, subjectKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
