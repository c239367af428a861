package io.thingbus.registry.auth;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceCredentials;
import io.thingbus.registry.DeviceStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A device with an X.509 client certificate, by either of two proofs:
 *
 * <ul>
 *   <li>thumbprint: the upper-case hex SHA-256 of the leaf's DER encoding is the device's primary or
 *       secondary thumbprint;</li>
 *   <li>CA: the chain validates (PKIX, without revocation checks) to one of the trusted CAs and the
 *       leaf's subject CN is the device id.</li>
 * </ul>
 *
 * The device id comes from the user name, else the client id, and must be the client id; the
 * device must exist and be enabled; the leaf must be valid at the clock's time, and the connection
 * ends when it expires. An unknown device and a certificate that proves nothing get the same answer.
 */
final class CertificateAuthentication {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final DeviceStore devices;
    private final AclCompiler acls;
    private final List<X509Certificate> trustedCas;
    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    CertificateAuthentication(DeviceStore devices, AclCompiler acls, List<X509Certificate> trustedCas, Clock clock) {
        this.devices = devices;
        this.acls = acls;
        this.trustedCas = trustedCas;
        this.anchors = trustedCas.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    AuthenticationResult authenticate(ClientCredentials credentials) {
        String deviceId = DeviceUserName.deviceId(credentials);
        if (!deviceId.equals(credentials.clientId())) {
            return Refusals.CLIENT_ID_NOT_DEVICE_ID;
        }
        List<X509Certificate> chain = credentials.clientCertificates();
        X509Certificate leaf = chain.get(0);
        Instant now = clock.instant();
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException expired) {
            return Refusals.badCredentials("certificate expired");
        } catch (CertificateNotYetValidException notYet) {
            return Refusals.badCredentials("certificate not yet valid");
        }
        Optional<Device> found = devices.find(deviceId);
        if (found.isEmpty()) {
            return Refusals.BAD_CREDENTIALS;
        }
        Device device = found.get();
        if (!hasThumbprintOf(device.credentials(), leaf) && !chainsToTrustedCa(chain, deviceId, now)) {
            return Refusals.BAD_CREDENTIALS;
        }
        if (!device.isEnabled()) {
            return Refusals.DEVICE_DISABLED;
        }
        ClientIdentity identity = ClientIdentity.device(deviceId);
        AclSubject subject = new AclSubject(identity, credentials.clientId(), credentials.username(), device.tags());
        return new AuthenticationResult.Accepted(identity, acls.forDevice(subject), leaf.getNotAfter().toInstant());
    }

    /** The upper-case hex SHA-256 of a certificate's DER encoding, as device thumbprints are registered. */
    static String thumbprint(X509Certificate certificate) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } catch (CertificateEncodingException unencodable) {
            return "";
        }
    }

    private static boolean hasThumbprintOf(DeviceCredentials credentials, X509Certificate leaf) {
        byte[] presented = thumbprint(leaf).getBytes(StandardCharsets.US_ASCII);
        return sameThumbprint(presented, credentials.primaryThumbprint())
                | sameThumbprint(presented, credentials.secondaryThumbprint());
    }

    private static boolean sameThumbprint(byte[] presented, String registered) {
        return registered != null
                && MessageDigest.isEqual(presented, registered.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** PKIX validation at {@code now} to a trusted CA, and the leaf's CN is the device id. */
    private boolean chainsToTrustedCa(List<X509Certificate> chain, String deviceId, Instant now) {
        if (anchors.isEmpty() || !deviceId.equals(commonName(chain.get(0)))) {
            return false;
        }
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (trustedCas.contains(certificate)) {
                break;
            }
            path.add(certificate);
        }
        if (path.isEmpty()) {
            return false;
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return true;
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("PKIX validation is unavailable", e);
        } catch (GeneralSecurityException invalid) {
            return false;
        }
    }

    /** The subject's single CN, or null when it has none or several. */
    private static String commonName(X509Certificate certificate) {
        try {
            List<String> names = new ArrayList<>();
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
            return names.size() == 1 ? names.get(0) : null;
        } catch (InvalidNameException unparsable) {
            return null;
        }
    }
}
