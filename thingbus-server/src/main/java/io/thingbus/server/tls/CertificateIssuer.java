package io.thingbus.server.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes the hub's certificates: a certificate authority of its own, and server certificates it signs.
 * Keys are EC P-256, signatures ECDSA with SHA-256; the JDK's providers do the cryptography, Bouncy
 * Castle only builds the certificates. Time comes from the injected clock.
 */
final class CertificateIssuer {

    /** How long the hub's CA is valid. */
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How long a server certificate is valid (at most, never past the CA). */
    static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    /** Certificates start a little in the past, for clients whose clock runs behind. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CertificateIssuer(Clock clock) {
        this.clock = clock;
    }

    /** A new self-signed CA that may sign server certificates (and no further CAs). */
    IssuedCertificate newCertificateAuthority(String hostName) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Thingbus")
                .addRDN(BCStyle.CN, "Thingbus hub CA " + hostName)
                .build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(keys.getPublic()));
            return new IssuedCertificate(sign(builder, signer(keys.getPrivate())), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the hub's certificate authority", e);
        }
    }

    /**
     * A new server certificate signed by {@code ca}, naming {@code names} (host names and IP addresses) as
     * subject alternative names, which is what clients check; {@code commonName} is for people reading it.
     */
    IssuedCertificate newServerCertificate(IssuedCertificate ca, String commonName, List<String> names) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Thingbus")
                .addRDN(BCStyle.CN, commonName)
                .build();
        Instant now = clock.instant();
        Instant notAfter = now.plus(SERVER_VALIDITY);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (caNotAfter.isBefore(notAfter)) {
            notAfter = caNotAfter;
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serialNumber(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate()));
            return new IssuedCertificate(sign(builder, signer(ca.privateKey())), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the hub's server certificate", e);
        }
    }

    /** Whether {@code name} is an IP address (v4 or v6) rather than a host name. */
    static boolean isIpAddress(String name) {
        return IPAddress.isValid(name);
    }

    private static GeneralNames subjectAlternativeNames(List<String> names) {
        GeneralName[] general = names.stream()
                .map(name -> new GeneralName(isIpAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new);
        return new GeneralNames(general);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, ContentSigner signer)
            throws CertificateException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Positive, at most 20 octets, unpredictable (RFC 5280 section 4.1.2.2). */
    private BigInteger serialNumber() {
        return new BigInteger(159, random).add(BigInteger.ONE);
    }
}
