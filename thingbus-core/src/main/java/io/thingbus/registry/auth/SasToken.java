package io.thingbus.registry.auth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shared access signature, as Azure IoT device SDKs send it in the MQTT password:
 * {@code SharedAccessSignature sr={resource}&sig={signature}&se={expiry}[&skn={policy}]}, where the
 * signature is base64(HMAC-SHA256(key, sr + "\n" + se)) and the key is a device's base64 key.
 *
 * <p>SDKs differ: some URL-encode {@code sr} and some do not, and the fields come in any order. So the
 * signature is checked over {@code sr} and {@code se} exactly as sent ({@link #signedText()}), while
 * {@link #resource()} is the URL-decoded resource for checking what the token names.
 *
 * @param rawResource  the {@code sr} field as sent
 * @param resource     the {@code sr} field URL-decoded, e.g. {@code myhub/devices/dev-1}
 * @param signature    the {@code sig} field, URL-decoded (base64)
 * @param rawExpiry    the {@code se} field as sent
 * @param expiry       the {@code se} field as seconds since the epoch
 * @param keyName      the {@code skn} field, or null
 */
public record SasToken(String rawResource, String resource, String signature, String rawExpiry, long expiry,
                       String keyName) {

    public static final String PREFIX = "SharedAccessSignature ";
    private static final String HMAC = "HmacSHA256";
    private static final String DEVICES = "devices/";

    /**
     * Parses a token.
     *
     * @throws IllegalArgumentException when it is not {@code SharedAccessSignature} with {@code sr},
     *                                  {@code sig} and a numeric {@code se}; the message never contains the signature
     */
    public static SasToken parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a shared access signature (it must start with '" + PREFIX.trim() + "')");
        }
        String rawResource = null;
        String signature = null;
        String rawExpiry = null;
        String keyName = null;
        for (String field : token.substring(PREFIX.length()).trim().split("&")) {
            int equals = field.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("a shared access signature field has no name=value form");
            }
            String name = field.substring(0, equals);
            String value = field.substring(equals + 1);
            switch (name) {
                case "sr" -> rawResource = value;
                case "sig" -> signature = decode(value);
                case "se" -> rawExpiry = value;
                case "skn" -> keyName = decode(value);
                default -> {
                    // other fields are not signed and carry nothing we use
                }
            }
        }
        if (rawResource == null || signature == null || rawExpiry == null) {
            throw new IllegalArgumentException("a shared access signature needs sr, sig and se");
        }
        long expiry;
        try {
            expiry = Long.parseLong(rawExpiry);
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("se must be seconds since the epoch, was '" + rawExpiry + "'");
        }
        return new SasToken(rawResource, decode(rawResource), signature, rawExpiry, expiry, keyName);
    }

    /**
     * A token for {@code resource} (e.g. {@code myhub/devices/dev-1}) signed with {@code base64Key},
     * valid until {@code expiry}; {@code sr} is URL-encoded as the Azure SDKs do.
     */
    public static String sign(String resource, String base64Key, Instant expiry) {
        String encodedResource = encode(resource);
        String se = Long.toString(expiry.getEpochSecond());
        String signature = base64Hmac(base64Key, encodedResource + "\n" + se);
        return PREFIX + "sr=" + encodedResource + "&sig=" + encode(signature) + "&se=" + se;
    }

    /**
     * The device the token names: {@code {anyHost}/devices/{deviceId}}, a trailing {@code /} allowed, the host
     * not checked; null when {@link #resource()} names no device (a registration scope, for instance).
     */
    public String deviceId() {
        int hostEnd = resource.indexOf('/');
        if (hostEnd <= 0 || !resource.startsWith(DEVICES, hostEnd + 1)) {
            return null;
        }
        int idStart = hostEnd + 1 + DEVICES.length();
        int idEnd = resource.endsWith("/") ? resource.length() - 1 : resource.length();
        return idEnd > idStart ? resource.substring(idStart, idEnd) : null;
    }

    /** The text the signature covers: {@code sr} and {@code se} as sent, joined by a newline. */
    public String signedText() {
        return rawResource + "\n" + rawExpiry;
    }

    /** Whether the signature was made with {@code base64Key}, compared in constant time. */
    public boolean isSignedWith(String base64Key) {
        byte[] expected = base64Hmac(base64Key, signedText()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the token has expired at {@code now}. */
    public boolean isExpired(Instant now) {
        return now.getEpochSecond() >= expiry;
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(expiry);
    }

    /** Never prints the signature. */
    @Override
    public String toString() {
        return "SasToken[sr=" + resource + ", se=" + expiry + (keyName == null ? "" : ", skn=" + keyName) + "]";
    }

    /** base64(HMAC-SHA256(base64-decoded key, text)). */
    public static String base64Hmac(String base64Key, String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
