package io.thingbus.server.tls;

import io.thingbus.storage.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes the PEM files of TLS: certificates ({@code BEGIN CERTIFICATE}) and unencrypted
 * private keys ({@code BEGIN PRIVATE KEY}, PKCS#8; the older {@code BEGIN EC/RSA PRIVATE KEY} forms are
 * read too). Every failure is a {@link TlsSetupException} naming the file. Keys are written mode 600.
 */
final class PemFiles {

    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448");
    private static final byte[] PROBE = "thingbus key check".getBytes(StandardCharsets.US_ASCII);

    private PemFiles() {
    }

    /**
     * Every certificate in {@code file}, in file order (a chain: leaf first).
     *
     * @param what how the message names the file, e.g. {@code "--tls-cert file"}
     */
    static List<X509Certificate> readCertificates(Path file, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : readObjects(file, what)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TlsSetupException(describe(what, file) + " holds a certificate Java cannot read: "
                            + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(describe(what, file)
                    + " holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * The one unencrypted private key in {@code file}.
     *
     * @param what how the message names the file, e.g. {@code "--tls-key file"}
     */
    static PrivateKey readPrivateKey(Path file, String what) {
        for (Object object : readObjects(file, what)) {
            if (object instanceof PrivateKeyInfo info) {
                return toPrivateKey(info, file, what);
            }
            if (object instanceof PEMKeyPair pair) {
                return toPrivateKey(pair.getPrivateKeyInfo(), file, what);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw new TlsSetupException(describe(what, file) + " holds an encrypted private key; the hub needs it"
                        + " unencrypted (openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem), readable by"
                        + " the hub's user only");
            }
        }
        throw new TlsSetupException(describe(what, file)
                + " holds no PEM private key (a block starting -----BEGIN PRIVATE KEY-----)");
    }

    /** Whether {@code key} is the private half of {@code publicKey}: it signs what the public key verifies. */
    static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return key.getAlgorithm().equals(publicKey.getAlgorithm());
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            signer.initVerify(publicKey);
            signer.update(PROBE);
            return signer.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Writes {@code certificate} to {@code file}, replacing it atomically. */
    static void writeCertificate(Path file, X509Certificate certificate) {
        try {
            write(file, pem("CERTIFICATE", certificate.getEncoded()), false);
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode a certificate the hub made", e);
        }
    }

    /** Writes {@code key} (PKCS#8) to {@code file}, readable and writable by the owner only (mode 600). */
    static void writePrivateKey(Path file, PrivateKey key) {
        write(file, pem("PRIVATE KEY", key.getEncoded()), true);
    }

    static String describe(String what, Path file) {
        return what + " " + file.toAbsolutePath();
    }

    private static List<Object> readObjects(Path file, String what) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(describe(what, file) + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsSetupException(describe(what, file) + " cannot be read by this user (permission denied)", e);
        } catch (CharacterCodingException e) {
            throw new TlsSetupException(describe(what, file) + " is not PEM text (a binary DER file? the hub reads"
                    + " PEM: openssl x509 -inform der, or openssl pkey -inform der, converts it)", e);
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException(describe(what, file) + " is not a readable PEM file: " + e.getMessage(), e);
        }
        return objects;
    }

    private static PrivateKey toPrivateKey(PrivateKeyInfo info, Path file, String what) {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new TlsSetupException(describe(what, file) + " holds a private key of an unsupported algorithm ("
                    + oid + "); use an EC, RSA or Ed25519 key");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException(describe(what, file) + " holds a " + algorithm + " private key Java cannot read: "
                    + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(Path file, String content, boolean ownerOnly) {
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        try {
            if (ownerOnly) {
                AtomicFiles.writeOwnerOnly(file, bytes);
            } else {
                AtomicFiles.write(file, bytes);
            }
        } catch (IOException e) {
            throw new TlsSetupException("cannot write " + file.toAbsolutePath() + ": " + e, e);
        }
    }
}
