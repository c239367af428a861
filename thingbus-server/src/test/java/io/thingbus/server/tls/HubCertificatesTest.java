package io.thingbus.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.mqtt.TlsIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's own CA and server certificate under {@code {data-dir}/tls}: first start, reuse, renewal. */
class HubCertificatesTest {

    private static final Instant FIRST_START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private Instant now = FIRST_START;

    /** One start of the hub at {@link #now}. */
    private TlsIdentity start(String... extraNames) {
        return new HubCertificates(tlsDir(), "hub-7.example", List.of(extraNames), Clock.fixed(now, ZoneOffset.UTC))
                .ensure();
    }

    private void moveClock(Duration duration) {
        now = now.plus(duration);
    }

    @Test
    void firstStartCreatesACaAndAServerCertificateItSigned() throws Exception {
        TlsIdentity identity = start("mqtt.example.org", "10.1.2.3");

        assertThat(tlsDir()).isDirectoryContaining(path -> path.getFileName().toString().equals("ca.pem"));
        X509Certificate ca = ca();
        X509Certificate server = identity.certificate();
        assertThat(server).isEqualTo(read("server.pem"));
        server.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).as("a CA that signs servers, not further CAs").isZero();
        assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(HubCertificates.subjectAlternativeNames(server)).containsExactlyInAnyOrder(
                "localhost", "127.0.0.1", HubCertificates.comparable("::1"), "hub-7.example", "mqtt.example.org", "10.1.2.3");
        assertThat(server.getSubjectX500Principal().getName()).contains("CN=hub-7.example");
        assertThat(server.getNotAfter().toInstant()).isEqualTo(FIRST_START.plus(Duration.ofDays(730)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(FIRST_START.plus(Duration.ofDays(3650)));
        assertThat(server.getNotBefore().toInstant()).isBefore(FIRST_START);
        assertThat(PemFiles.belongTogether(identity.privateKey(), server.getPublicKey())).isTrue();
        assertThat(PemFiles.readPrivateKey(tlsDir().resolve("server-key.pem"), "key")).isEqualTo(identity.privateKey());
    }

    @Test
    void privateKeysAreReadableByTheOwnerOnly() throws Exception {
        start();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tlsDir().resolve("ca-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tlsDir().resolve("server-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(tlsDir()).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void laterStartsReuseTheFiles() throws Exception {
        TlsIdentity first = start();
        String caPem = Files.readString(tlsDir().resolve("ca.pem"));
        String serverPem = Files.readString(tlsDir().resolve("server.pem"));

        moveClock(Duration.ofDays(600));
        TlsIdentity later = start();

        assertThat(later.certificate()).isEqualTo(first.certificate());
        assertThat(later.privateKey()).isEqualTo(first.privateKey());
        assertThat(Files.readString(tlsDir().resolve("ca.pem"))).isEqualTo(caPem);
        assertThat(Files.readString(tlsDir().resolve("server.pem"))).isEqualTo(serverPem);
    }

    @Test
    void serverCertificateIsRenewedWithinThirtyDaysOfItsEndAndTheCaIsKept() throws Exception {
        X509Certificate first = start().certificate();
        X509Certificate ca = ca();

        moveClock(Duration.ofDays(730 - 31));
        assertThat(start().certificate()).as("31 days left: kept").isEqualTo(first);
        moveClock(Duration.ofDays(2));
        X509Certificate renewed = start().certificate();

        assertThat(renewed).as("29 days left: renewed").isNotEqualTo(first);
        assertThat(ca()).isEqualTo(ca);
        renewed.verify(ca.getPublicKey());
        assertThat(renewed.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(730)));
        assertThat(read("server.pem")).isEqualTo(renewed);
    }

    @Test
    void anExpiredServerCertificateIsRenewed() {
        X509Certificate first = start().certificate();

        moveClock(Duration.ofDays(800));

        assertThat(start().certificate()).isNotEqualTo(first);
    }

    @Test
    void aMissingServerCertificateIsIssuedAgainByTheSameCa() throws Exception {
        X509Certificate first = start().certificate();
        X509Certificate ca = ca();
        Files.delete(tlsDir().resolve("server.pem"));

        X509Certificate second = start().certificate();

        assertThat(second).isNotEqualTo(first);
        assertThat(ca()).isEqualTo(ca);
        second.verify(ca.getPublicKey());
    }

    @Test
    void aServerKeyThatDoesNotMatchIsReplacedWithItsCertificate() {
        X509Certificate first = start().certificate();
        Path otherDir = dataDir.resolve("other");
        TlsIdentity other = new HubCertificates(otherDir, "elsewhere", List.of(), Clock.fixed(now, ZoneOffset.UTC)).ensure();
        PemFiles.writePrivateKey(tlsDir().resolve("server-key.pem"), other.privateKey());

        TlsIdentity second = start();

        assertThat(second.certificate()).isNotEqualTo(first);
        assertThat(PemFiles.belongTogether(second.privateKey(), second.certificate().getPublicKey())).isTrue();
    }

    @Test
    void aServerCertificateOfAnotherCaIsReplaced() throws Exception {
        start();
        TlsIdentity foreign = new HubCertificates(dataDir.resolve("other"), "elsewhere", List.of(),
                Clock.fixed(now, ZoneOffset.UTC)).ensure();
        PemFiles.writePrivateKey(tlsDir().resolve("server-key.pem"), foreign.privateKey());
        PemFiles.writeCertificate(tlsDir().resolve("server.pem"), foreign.certificate());

        X509Certificate second = start().certificate();

        assertThat(second).isNotEqualTo(foreign.certificate());
        second.verify(ca().getPublicKey());
    }

    @Test
    void aNewNameGetsANewServerCertificateNamingIt() {
        X509Certificate first = start().certificate();

        X509Certificate second = start("gateway.local").certificate();

        assertThat(second).isNotEqualTo(first);
        assertThat(HubCertificates.subjectAlternativeNames(second)).contains("gateway.local", "hub-7.example");
        assertThat(start("gateway.local").certificate()).as("and keeps it").isEqualTo(second);
    }

    @Test
    void aCaAboutToExpireIsReplacedWithAllItSigned() throws Exception {
        start();
        X509Certificate oldCa = ca();

        moveClock(Duration.ofDays(3650 - 10));
        X509Certificate server = start().certificate();

        assertThat(ca()).isNotEqualTo(oldCa);
        server.verify(ca().getPublicKey());
    }

    @Test
    void aServerCertificateNeverOutlivesItsCa() {
        start();
        Instant caEnd = ca().getNotAfter().toInstant();

        moveClock(Duration.ofDays(3650 - 100)); // the CA has 100 days left: not yet replaced
        X509Certificate server = start().certificate();

        assertThat(server.getNotAfter().toInstant()).isEqualTo(caEnd);
    }

    @Test
    void aMissingCaKeyFailsWhenANewServerCertificateIsNeeded() throws Exception {
        start();
        Files.delete(tlsDir().resolve("ca-key.pem"));
        moveClock(Duration.ofDays(1));
        assertThat(start()).as("the server certificate is still good: no CA key needed").isNotNull();
        Files.delete(tlsDir().resolve("server.pem"));

        assertThatThrownBy(this::start)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining(tlsDir().resolve("ca-key.pem").toAbsolutePath().toString())
                .hasMessageContaining("is missing");
    }

    @Test
    void aCaKeyWithoutItsCertificateFailsRatherThanMakingANewCa() throws Exception {
        start();
        Files.delete(tlsDir().resolve("ca.pem"));

        assertThatThrownBy(this::start)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining(tlsDir().resolve("ca.pem").toAbsolutePath().toString())
                .hasMessageContaining("is missing");
    }

    @Test
    void anUnreadableCaCertificateFailsNamingIt() throws Exception {
        start();
        Files.writeString(tlsDir().resolve("ca.pem"), "not a certificate\n");

        assertThatThrownBy(this::start)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("the hub's CA certificate " + tlsDir().resolve("ca.pem").toAbsolutePath())
                .hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void aCaKeyOfAnotherCaFailsNamingBothFiles() throws Exception {
        start();
        TlsIdentity other = new HubCertificates(dataDir.resolve("other"), "elsewhere", List.of(),
                Clock.fixed(now, ZoneOffset.UTC)).ensure();
        PemFiles.writePrivateKey(tlsDir().resolve("ca-key.pem"), other.privateKey());
        Files.delete(tlsDir().resolve("server.pem"));

        assertThatThrownBy(this::start)
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("ca-key.pem")
                .hasMessageContaining("does not belong to")
                .hasMessageContaining("ca.pem");
    }

    @Test
    void wantedNamesStartWithTheBuiltInOnesAndSkipDuplicates() {
        assertThat(HubCertificates.wantedNames("Hub-7", List.of("hub-7", "LOCALHOST", "fd00::1")))
                .containsExactly("localhost", "127.0.0.1", "::1", "hub-7", "fd00::1");
        assertThat(HubCertificates.wantedNames(null, List.of())).containsExactly("localhost", "127.0.0.1", "::1");
    }

    private Path tlsDir() {
        return dataDir.resolve("tls");
    }

    private X509Certificate ca() {
        return read("ca.pem");
    }

    private X509Certificate read(String file) {
        return PemFiles.readCertificates(tlsDir().resolve(file), file).getFirst();
    }
}
