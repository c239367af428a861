package io.thingbus.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.mqtt.TlsIdentity;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's certificate and key ({@code --tls-cert}, {@code --tls-key}): loaded, or refused naming the file. */
class ServerCertificatesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private IssuedCertificate ca;
    private IssuedCertificate server;
    private Path certFile;
    private Path keyFile;

    @BeforeEach
    void operatorFiles() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(CLOCK);
        ca = issuer.newCertificateAuthority("operator");
        server = issuer.newServerCertificate(ca, "mqtt.example.org", List.of("mqtt.example.org"));
        certFile = dir.resolve("fullchain.pem");
        keyFile = dir.resolve("privkey.pem");
        Files.writeString(certFile, pem(server.certificate()) + pem(ca.certificate()));
        PemFiles.writePrivateKey(keyFile, server.privateKey());
    }

    @Test
    void loadsTheOperatorsChainAndKeyAndMakesNoFilesOfItsOwn() {
        TlsIdentity identity = load();

        assertThat(identity.certificateChain()).containsExactly(server.certificate(), ca.certificate());
        assertThat(identity.privateKey()).isEqualTo(server.privateKey());
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void readsTheOlderEcPrivateKeyFormToo() throws Exception {
        // what `openssl ec` writes: RFC 5915 ECPrivateKey with the curve inside
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(server.privateKey().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        ECPrivateKey traditional = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
                pkcs8.getPrivateKeyAlgorithm().getParameters());
        Files.writeString(keyFile, pem(new PemObject("EC PRIVATE KEY", traditional.getEncoded())));

        assertThat(((java.security.interfaces.ECPrivateKey) load().privateKey()).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) server.privateKey()).getS());
    }

    @Test
    void aMissingCertificateFileFailsNamingIt() throws Exception {
        Files.delete(certFile);

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("--tls-cert file " + certFile.toAbsolutePath() + " does not exist");
    }

    @Test
    void aMissingKeyFileFailsNamingIt() throws Exception {
        Files.delete(keyFile);

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("--tls-key file " + keyFile.toAbsolutePath() + " does not exist");
    }

    @Test
    void aCertificateFileWithoutACertificateFailsNamingIt() throws Exception {
        Files.writeString(certFile, "just some text\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("--tls-cert file " + certFile.toAbsolutePath()
                        + " holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----)");
    }

    @Test
    void aDerCertificateFailsSayingItIsNotPem() throws Exception {
        Files.write(certFile, server.certificate().getEncoded());

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("--tls-cert file " + certFile.toAbsolutePath())
                .hasMessageContaining("is not PEM text");
    }

    @Test
    void aKeyFileWithoutAKeyFailsNamingIt() throws Exception {
        Files.writeString(keyFile, pem(server.certificate()));

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("--tls-key file " + keyFile.toAbsolutePath())
                .hasMessageContaining("holds no PEM private key");
    }

    @Test
    void aBrokenPemBlockFailsNamingTheFile() throws Exception {
        Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("--tls-cert file " + certFile.toAbsolutePath());
    }

    @Test
    void anEncryptedKeyFailsSayingHowToDecryptIt() throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider())
                .setPassword("secret".toCharArray()).build();
        Files.writeString(keyFile, pem(new JcaPKCS8Generator(server.privateKey(), encryptor)));

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("--tls-key file " + keyFile.toAbsolutePath())
                .hasMessageContaining("encrypted")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aKeyOfAnotherCertificateFailsNamingBothFiles() {
        PemFiles.writePrivateKey(keyFile, ca.privateKey());

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("--tls-key file " + keyFile.toAbsolutePath())
                .hasMessageContaining("does not belong to the certificate in --tls-cert file " + certFile.toAbsolutePath());
    }

    @Test
    void aChainInTheWrongOrderFailsBecauseTheFirstCertificateIsNotTheKeys() throws Exception {
        Files.writeString(certFile, pem(ca.certificate()) + pem(server.certificate()));

        assertThatThrownBy(this::load)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("must come first");
    }

    @Test
    void certificateAndKeyComeTogether() {
        assertThatThrownBy(() -> new TlsConfig(certFile, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tls-cert needs --tls-key");
        assertThatThrownBy(() -> new TlsConfig(null, keyFile, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tls-key needs --tls-cert");
        assertThatThrownBy(() -> new TlsConfig(null, null, List.of("two words")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tls-san");
    }

    @Test
    void withoutOperatorFilesTheHubMakesItsOwnUnderTheDataDirectory() {
        TlsIdentity identity = ServerCertificates.load(TlsConfig.generated(), dir.resolve("data"), CLOCK);

        assertThat(dir.resolve("data/tls/ca.pem")).isRegularFile();
        assertThat(dir.resolve("data/tls/server.pem")).isRegularFile();
        assertThat(identity.certificateChain()).hasSize(1);
    }

    private TlsIdentity load() {
        return ServerCertificates.load(new TlsConfig(certFile, keyFile, List.of()), dir.resolve("data"), CLOCK);
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
