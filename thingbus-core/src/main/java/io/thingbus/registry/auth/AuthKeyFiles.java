package io.thingbus.registry.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads the key files of {@link AuthConfig} as docs/configuration.md describes them. Errors name the
 * file, never its content.
 */
public final class AuthKeyFiles {

    private static final String PUBLIC_KEY_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PUBLIC_KEY_END = "-----END PUBLIC KEY-----";

    private AuthKeyFiles() {
    }

    /** An HS256 secret: the file's bytes, without one trailing newline ({@code \n} or {@code \r\n}). */
    public static byte[] readHmacSecret(Path file) {
        byte[] bytes = read(file);
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\n') {
            length--;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
        }
        byte[] secret = Arrays.copyOf(bytes, length);
        Arrays.fill(bytes, (byte) 0);
        return secret;
    }

    /** An RSA public key from a PEM {@code BEGIN PUBLIC KEY} (SubjectPublicKeyInfo) file. */
    public static RSAPublicKey readRsaPublicKey(Path file) {
        String pem = new String(read(file), StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PUBLIC_KEY_BEGIN);
        int end = pem.indexOf(PUBLIC_KEY_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " holds no PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PUBLIC_KEY_BEGIN.length(), end));
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return (RSAPublicKey) key;
        } catch (GeneralSecurityException | IllegalArgumentException notRsa) {
            throw new IllegalArgumentException(file + " does not hold an RSA public key", notRsa);
        }
    }

    /** Every X.509 certificate of a PEM (or DER) file; at least one. */
    public static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate");
            }
            return List.copyOf(certificates);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + file, unreadable);
        } catch (GeneralSecurityException notCertificates) {
            throw new IllegalArgumentException(file + " does not hold PEM certificates", notCertificates);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + file, unreadable);
        }
    }
}
