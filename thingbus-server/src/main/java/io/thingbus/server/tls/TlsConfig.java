package io.thingbus.server.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the TLS listeners' certificate comes from: the operator's PEM files, or (when none are given)
 * certificates the hub makes and renews itself under {@code {data-dir}/tls/}.
 *
 * @param certificateFile the operator's certificate chain (PEM, leaf first), or null
 * @param keyFile         the operator's private key (PEM, PKCS#8, unencrypted), or null
 * @param extraNames      host names and IP addresses the hub's own server certificate names besides
 *                        localhost, 127.0.0.1, ::1 and the machine's host name (ignored with operator files)
 */
public record TlsConfig(Path certificateFile, Path keyFile, List<String> extraNames) {

    public TlsConfig {
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException(certificateFile == null
                    ? "--tls-key needs --tls-cert: give both files or neither"
                    : "--tls-cert needs --tls-key: give both files or neither");
        }
        extraNames = extraNames == null ? List.of() : List.copyOf(extraNames);
        for (String name : extraNames) {
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("--tls-san must be a host name or IP address, was '" + name + "'");
            }
        }
    }

    /** The hub's own certificates, naming only the built-in names. */
    public static TlsConfig generated() {
        return new TlsConfig(null, null, List.of());
    }

    /** Whether the operator gave the certificate and key. */
    public boolean operatorSupplied() {
        return certificateFile != null;
    }
}
