package io.thingbus.server.tls;

import io.thingbus.mqtt.TlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates the hub makes for itself when the operator gives none, kept in {@code {data-dir}/tls/}:
 *
 * <pre>
 * ca.pem          the hub's own certificate authority (10 years): clients trust this file
 * ca-key.pem      its private key, mode 600
 * server.pem      the certificate the TLS listeners present (2 years), signed by the CA
 * server-key.pem  its private key, mode 600
 * </pre>
 *
 * <p>The first start creates all four. Later starts reuse them; the server certificate is issued anew
 * (with the same CA, so clients keep trusting it) when it is missing, unreadable, not the CA's, expires
 * within {@link #RENEW_BEFORE}, or does not name every wanted host. The CA itself is replaced only
 * when it expires within {@link #RENEW_BEFORE}, with a warning, since clients must then trust the new
 * {@code ca.pem}. A CA that cannot be read fails start-up rather than being silently replaced.
 */
final class HubCertificates {

    static final String DIRECTORY = "tls";
    static final String CA_CERTIFICATE = "ca.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String SERVER_CERTIFICATE = "server.pem";
    static final String SERVER_KEY = "server-key.pem";
    /** A certificate this close to its end is replaced at start-up. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(HubCertificates.class);
    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;

    private final Path directory;
    private final List<String> names;
    private final String hostName;
    private final Clock clock;
    private final CertificateIssuer issuer;

    /**
     * @param directory  where the files live ({@code {data-dir}/tls})
     * @param hostName   this machine's host name, or null when unknown
     * @param extraNames further names for the server certificate ({@code --tls-san})
     */
    HubCertificates(Path directory, String hostName, List<String> extraNames, Clock clock) {
        this.directory = directory;
        this.hostName = hostName == null ? "localhost" : hostName;
        this.names = wantedNames(hostName, extraNames);
        this.clock = clock;
        this.issuer = new CertificateIssuer(clock);
    }

    /** This machine's host name as the system reports it, or null when it cannot be found. */
    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            log.debug("no host name for the TLS certificate: {}", e.toString());
            return null;
        }
    }

    /** The names a server certificate must carry: localhost, 127.0.0.1, ::1, the host name, then the extras. */
    static List<String> wantedNames(String hostName, List<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (hostName != null && !hostName.isBlank()) {
            names.add(hostName.toLowerCase(Locale.ROOT));
        }
        for (String extra : extraNames) {
            names.add(CertificateIssuer.isIpAddress(extra) ? extra : extra.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(names);
    }

    /** The names the server certificate carries (at least), as given. */
    List<String> names() {
        return names;
    }

    Path caCertificateFile() {
        return directory.resolve(CA_CERTIFICATE);
    }

    Path serverCertificateFile() {
        return directory.resolve(SERVER_CERTIFICATE);
    }

    /** Creates, reuses or renews the files as the class comment says; returns what the listeners serve. */
    TlsIdentity ensure() {
        createDirectory();
        IssuedCertificate ca = null;
        X509Certificate caCertificate = readCaCertificate();
        if (caCertificate == null) {
            ca = createCertificateAuthority();
            caCertificate = ca.certificate();
        }
        Optional<TlsIdentity> current = ca == null ? reusableServerCertificate(caCertificate) : Optional.empty();
        if (current.isPresent()) {
            log.debug("Reusing the TLS server certificate {}", serverCertificateFile().toAbsolutePath());
            return current.get();
        }
        if (ca == null) {
            ca = new IssuedCertificate(caCertificate, readCaKey(caCertificate));
        }
        IssuedCertificate server = issuer.newServerCertificate(ca, hostName, names);
        PemFiles.writePrivateKey(directory.resolve(SERVER_KEY), server.privateKey());
        PemFiles.writeCertificate(serverCertificateFile(), server.certificate());
        log.info("Issued the TLS server certificate {} for {}, valid until {}",
                serverCertificateFile().toAbsolutePath(), names, server.certificate().getNotAfter().toInstant());
        return new TlsIdentity(server.privateKey(), List.of(server.certificate()));
    }

    /** The CA certificate on disk, or null when there is none or it is about to expire (a new one is due). */
    private X509Certificate readCaCertificate() {
        Path certificateFile = caCertificateFile();
        Path keyFile = directory.resolve(CA_KEY);
        if (!Files.exists(certificateFile)) {
            if (Files.exists(keyFile)) {
                throw new TlsSetupException("the hub's CA key " + keyFile.toAbsolutePath() + " exists but its certificate "
                        + certificateFile.toAbsolutePath() + " is missing: restore it, or delete " + keyFile.toAbsolutePath()
                        + " to create a new CA (clients must then trust the new " + CA_CERTIFICATE + ")");
            }
            return null;
        }
        X509Certificate caCertificate = PemFiles.readCertificates(certificateFile, "the hub's CA certificate").getFirst();
        if (expiresWithin(caCertificate, RENEW_BEFORE)) {
            log.warn("The hub's CA {} expires on {}: creating a new one; clients must trust the new file",
                    certificateFile.toAbsolutePath(), caCertificate.getNotAfter().toInstant());
            return null;
        }
        return caCertificate;
    }

    private IssuedCertificate createCertificateAuthority() {
        IssuedCertificate ca = issuer.newCertificateAuthority(hostName);
        PemFiles.writePrivateKey(directory.resolve(CA_KEY), ca.privateKey());
        PemFiles.writeCertificate(caCertificateFile(), ca.certificate());
        log.info("Created the hub's certificate authority {} (valid until {}); clients that trust it accept the hub's"
                        + " TLS certificates, e.g. mosquitto_sub --cafile {}", caCertificateFile().toAbsolutePath(),
                ca.certificate().getNotAfter().toInstant(), caCertificateFile().toAbsolutePath());
        return ca;
    }

    private PrivateKey readCaKey(X509Certificate caCertificate) {
        Path keyFile = directory.resolve(CA_KEY);
        if (!Files.exists(keyFile)) {
            throw new TlsSetupException("the hub's CA key " + keyFile.toAbsolutePath() + " is missing, so a new server"
                    + " certificate cannot be signed: restore it, or delete " + caCertificateFile().toAbsolutePath()
                    + " to create a new CA (clients must then trust the new " + CA_CERTIFICATE + ")");
        }
        PrivateKey key = PemFiles.readPrivateKey(keyFile, "the hub's CA key");
        if (!PemFiles.belongTogether(key, caCertificate.getPublicKey())) {
            throw new TlsSetupException("the hub's CA key " + keyFile.toAbsolutePath() + " does not belong to its"
                    + " certificate " + caCertificateFile().toAbsolutePath()
                    + ": restore the pair, or delete both to create a new CA");
        }
        return key;
    }

    /** The server certificate on disk when it can serve as it is; empty (with the reason logged) when not. */
    private Optional<TlsIdentity> reusableServerCertificate(X509Certificate caCertificate) {
        Path certificateFile = serverCertificateFile();
        Path keyFile = directory.resolve(SERVER_KEY);
        if (!Files.exists(certificateFile) || !Files.exists(keyFile)) {
            return Optional.empty();
        }
        X509Certificate certificate;
        PrivateKey key;
        try {
            certificate = PemFiles.readCertificates(certificateFile, "the hub's server certificate").getFirst();
            key = PemFiles.readPrivateKey(keyFile, "the hub's server key");
        } catch (TlsSetupException unreadable) {
            log.warn("Replacing the TLS server certificate: {}", unreadable.getMessage());
            return Optional.empty();
        }
        String problem = problemWith(certificate, key, caCertificate);
        if (problem != null) {
            log.info("Replacing the TLS server certificate {}: {}", certificateFile.toAbsolutePath(), problem);
            return Optional.empty();
        }
        return Optional.of(new TlsIdentity(key, List.of(certificate)));
    }

    private String problemWith(X509Certificate certificate, PrivateKey key, X509Certificate caCertificate) {
        if (!PemFiles.belongTogether(key, certificate.getPublicKey())) {
            return "its key " + SERVER_KEY + " does not belong to it";
        }
        try {
            certificate.verify(caCertificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            return "it was not signed by the hub's CA " + CA_CERTIFICATE;
        }
        Instant now = clock.instant();
        if (certificate.getNotBefore().toInstant().isAfter(now)) {
            return "it is not valid before " + certificate.getNotBefore().toInstant();
        }
        if (expiresWithin(certificate, RENEW_BEFORE)) {
            return "it expires on " + certificate.getNotAfter().toInstant();
        }
        Set<String> named = subjectAlternativeNames(certificate);
        List<String> missing = names.stream().filter(name -> !named.contains(comparable(name))).toList();
        if (!missing.isEmpty()) {
            return "it does not name " + missing;
        }
        return null;
    }

    private boolean expiresWithin(X509Certificate certificate, Duration margin) {
        return certificate.getNotAfter().toInstant().isBefore(clock.instant().plus(margin));
    }

    /** The DNS names and IP addresses the certificate carries, each in its {@link #comparable} form. */
    static Set<String> subjectAlternativeNames(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries == null) {
                return names;
            }
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == SAN_DNS_NAME || type == SAN_IP_ADDRESS) {
                    names.add(comparable(String.valueOf(entry.get(1))));
                }
            }
        } catch (CertificateParsingException e) {
            // no readable names: the certificate is replaced
        }
        return names;
    }

    /** Host names in lower case; IP addresses in one spelling ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike). */
    static String comparable(String name) {
        if (!CertificateIssuer.isIpAddress(name)) {
            return name.toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getByName(name).getHostAddress(); // an address literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return name;
        }
    }

    private void createDirectory() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new TlsSetupException("cannot create the TLS directory " + directory.toAbsolutePath() + ": " + e, e);
        }
    }
}
