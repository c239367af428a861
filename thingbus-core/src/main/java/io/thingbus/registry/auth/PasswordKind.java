package io.thingbus.registry.auth;

import java.nio.charset.StandardCharsets;

/**
 * What an MQTT password is, told by its form alone, which decides how it is checked. A user's
 * password may not take the form of another kind ({@link MqttUsers} refuses it), so the choice is
 * never ambiguous.
 */
enum PasswordKind {
    /** No password at all. */
    NONE,
    /** {@code SharedAccessSignature sr=...}: a device's SAS token. */
    SHARED_ACCESS_SIGNATURE,
    /** Three base64url parts separated by dots, the first a JSON object ({@code eyJ...}): a JWT. */
    JWT,
    /** {@code tb_...}: a service principal's bearer token. */
    SERVICE_TOKEN,
    /** Anything else: a user's password. */
    PASSWORD;

    private static final byte[] SAS_PREFIX = SasToken.PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVICE_TOKEN_PREFIX = "tb_".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_OBJECT_BASE64 = "eyJ".getBytes(StandardCharsets.US_ASCII);

    static PasswordKind of(byte[] password) {
        if (password == null) {
            return NONE;
        }
        if (startsWith(password, SAS_PREFIX)) {
            return SHARED_ACCESS_SIGNATURE;
        }
        if (startsWith(password, SERVICE_TOKEN_PREFIX)) {
            return SERVICE_TOKEN;
        }
        return isJwt(password) ? JWT : PASSWORD;
    }

    /** header.payload.signature, each base64url, the signature possibly empty (which is refused later). */
    private static boolean isJwt(byte[] password) {
        if (!startsWith(password, JSON_OBJECT_BASE64)) {
            return false;
        }
        int dots = 0;
        int partLength = 0;
        for (byte b : password) {
            if (b == '.') {
                if (partLength == 0) {
                    return false;
                }
                dots++;
                partLength = 0;
            } else if (isBase64Url(b)) {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2;
    }

    private static boolean isBase64Url(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_';
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
