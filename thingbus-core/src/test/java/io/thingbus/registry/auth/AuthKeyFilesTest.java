package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthKeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsASecretWithoutItsTrailingNewline() throws Exception {
        Path unix = Files.writeString(dir.resolve("unix"), "0123456789abcdef0123456789abcdef\n");
        Path windows = Files.writeString(dir.resolve("windows"), "0123456789abcdef0123456789abcdef\r\n");
        Path bare = Files.writeString(dir.resolve("bare"), "0123456789abcdef0123456789abcdef");

        byte[] expected = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        assertThat(AuthKeyFiles.readHmacSecret(unix)).isEqualTo(expected);
        assertThat(AuthKeyFiles.readHmacSecret(windows)).isEqualTo(expected);
        assertThat(AuthKeyFiles.readHmacSecret(bare)).isEqualTo(expected);
    }

    @Test
    void readsAPemRsaPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PublicKey key = generator.generateKeyPair().getPublic();
        Path file = Files.writeString(dir.resolve("jwt.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n");

        assertThat(AuthKeyFiles.readRsaPublicKey(file)).isEqualTo(key);
    }

    @Test
    void refusesAFileThatIsNoRsaPublicKeyWithoutQuotingIt() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.pem"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n");
        Path ec = Files.writeString(dir.resolve("ec.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(TestPki.selfSigned("x", ManualClock.START, ManualClock.START.plusSeconds(1))
                        .certificate().getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(() -> AuthKeyFiles.readRsaPublicKey(secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret.pem").hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> AuthKeyFiles.readRsaPublicKey(ec)).hasMessageContaining("does not hold an RSA public key");
    }

    @Test
    void readsEveryCertificateOfAPemBundle() throws Exception {
        TestPki.Issued root = TestPki.rootCa("CN=Root", ManualClock.START);
        TestPki.Issued intermediate = TestPki.intermediateCa("CN=Intermediate", root, ManualClock.START);
        Path bundle = Files.writeString(dir.resolve("cas.pem"), pem(root.certificate()) + pem(intermediate.certificate()));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThat(AuthKeyFiles.readCertificates(bundle)).containsExactly(root.certificate(), intermediate.certificate());
        assertThatThrownBy(() -> AuthKeyFiles.readCertificates(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.pem");
        assertThat(AuthConfig.DEFAULT.withTrustedCas(AuthKeyFiles.readCertificates(bundle)).trustedCas()).hasSize(2);
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
