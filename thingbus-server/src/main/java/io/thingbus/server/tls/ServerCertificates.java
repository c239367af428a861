package io.thingbus.server.tls;

import io.thingbus.mqtt.TlsIdentity;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate and key the TLS listeners present: the operator's ({@code --tls-cert}, {@code --tls-key}),
 * checked to belong together, or the hub's own under {@code {data-dir}/tls/} ({@link HubCertificates}).
 */
public final class ServerCertificates {

    private static final Logger log = LoggerFactory.getLogger(ServerCertificates.class);
    private static final String CERT_OPTION = "--tls-cert file";
    private static final String KEY_OPTION = "--tls-key file";

    private ServerCertificates() {
    }

    /**
     * Loads (or, for the hub's own, creates or renews) the server's certificate and key.
     *
     * @throws TlsSetupException naming the file when a certificate or key is missing, unreadable, malformed,
     *                           or the key does not belong to the certificate
     */
    public static TlsIdentity load(TlsConfig config, Path dataDir, Clock clock) {
        return config.operatorSupplied()
                ? operatorCertificates(config, clock)
                : hubCertificates(config, dataDir.resolve(HubCertificates.DIRECTORY), HubCertificates.localHostName(), clock);
    }

    static TlsIdentity hubCertificates(TlsConfig config, Path directory, String hostName, Clock clock) {
        HubCertificates hub = new HubCertificates(directory, hostName, config.extraNames(), clock);
        TlsIdentity identity = hub.ensure();
        Path ca = hub.caCertificateFile().toAbsolutePath();
        log.info("TLS with the hub's own certificate for {} (until {}); clients trust the hub's CA {},"
                        + " e.g. mosquitto_sub --cafile {}",
                hub.names(),
                identity.certificate().getNotAfter().toInstant(), ca, ca);
        return identity;
    }

    static TlsIdentity operatorCertificates(TlsConfig config, Clock clock) {
        List<X509Certificate> chain = PemFiles.readCertificates(config.certificateFile(), CERT_OPTION);
        PrivateKey key = PemFiles.readPrivateKey(config.keyFile(), KEY_OPTION);
        X509Certificate server = chain.getFirst();
        if (!PemFiles.belongTogether(key, server.getPublicKey())) {
            throw new TlsSetupException("the private key in " + PemFiles.describe(KEY_OPTION, config.keyFile())
                    + " does not belong to the certificate in " + PemFiles.describe(CERT_OPTION, config.certificateFile())
                    + " (the server's own certificate must come first in that file)");
        }
        if (!config.extraNames().isEmpty()) {
            log.warn("--tls-san {} is ignored: the names come from the certificate in {}",
                    config.extraNames(), config.certificateFile().toAbsolutePath());
        }
        Instant now = clock.instant();
        if (server.getNotAfter().toInstant().isBefore(now)) {
            log.warn("The TLS certificate in {} expired on {}: clients will refuse it",
                    config.certificateFile().toAbsolutePath(), server.getNotAfter().toInstant());
        } else if (server.getNotBefore().toInstant().isAfter(now)) {
            log.warn("The TLS certificate in {} is not valid before {}: clients will refuse it until then",
                    config.certificateFile().toAbsolutePath(), server.getNotBefore().toInstant());
        }
        log.info("TLS with the certificate {} ({}, until {}, {} certificate(s) in the chain)",
                config.certificateFile().toAbsolutePath(), server.getSubjectX500Principal().getName(),
                server.getNotAfter().toInstant(), chain.size());
        return new TlsIdentity(key, chain);
    }
}
