package io.thingbus.telemetry;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the hub pseudonymises at ingest, and with which key.
 *
 * @param secret        the hub secret the HMAC-SHA256 is keyed with, at least {@value #MIN_SECRET_BYTES}
 *                      bytes; never logged nor shown ({@link #toString()} leaves it out)
 * @param jsonPointers  RFC 6901 pointers into a JSON payload ({@code /patient/name}, {@code /readings/0/badge});
 *                      the root pointer is not allowed
 * @param propertyNames application property names whose values are replaced (exact, case-sensitive)
 * @param hexLength     how many hex digits of the HMAC replace a value, {@value #MIN_HEX_LENGTH} to 64
 * @param invalidPayload what to do with a payload that is not JSON while pointers are configured
 */
public record PseudonymisationConfig(byte[] secret, List<String> jsonPointers, Set<String> propertyNames, int hexLength,
                                     InvalidPayload invalidPayload) {

    public static final int MIN_SECRET_BYTES = 16;
    public static final int MIN_HEX_LENGTH = 8;
    public static final int DEFAULT_HEX_LENGTH = 16;

    /** What happens to a message whose payload cannot be pseudonymised because it is not JSON. */
    public enum InvalidPayload {
        /** Store it unchanged and count it ({@link Pseudonymiser#invalidPayloads()}). */
        PASS_THROUGH,
        /** Refuse it: the edge answers PAYLOAD_FORMAT_INVALID (MQTT 5 reason 0x99, HTTP 400). */
        REFUSE
    }

    public PseudonymisationConfig {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation secret must be at least " + MIN_SECRET_BYTES
                    + " bytes, was " + secret.length);
        }
        secret = secret.clone();
        jsonPointers = List.copyOf(jsonPointers);
        for (String pointer : jsonPointers) {
            JsonPointer compiled;
            try {
                compiled = JsonPointer.compile(pointer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a JSON pointer: '" + pointer + "' (" + e.getMessage() + ")");
            }
            if (compiled.matches()) {
                throw new IllegalArgumentException("the root pointer '' would replace the whole payload: name a field");
            }
        }
        propertyNames = Set.copyOf(propertyNames);
        if (hexLength < MIN_HEX_LENGTH || hexLength > 64) {
            throw new IllegalArgumentException("hexLength is " + MIN_HEX_LENGTH + " to 64, was " + hexLength);
        }
        Objects.requireNonNull(invalidPayload, "invalidPayload");
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Everything but the secret. */
    @Override
    public String toString() {
        return "PseudonymisationConfig[jsonPointers=" + jsonPointers + ", propertyNames=" + propertyNames
                + ", hexLength=" + hexLength + ", invalidPayload=" + invalidPayload + ", secret=(" + secret.length + " bytes)]";
    }

}
