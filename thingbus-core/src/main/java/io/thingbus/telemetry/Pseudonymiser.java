package io.thingbus.telemetry;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.UserProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces configured values of a message by a keyed hash before it is stored: the hex of
 * HMAC-SHA256(hub secret, value), truncated. The same value always gives the same pseudonym, so
 * events can still be grouped and joined by it, but it cannot be read back without the secret.
 *
 * <ul>
 *   <li>A property named in the configuration has its value replaced.</li>
 *   <li>A JSON pointer that resolves to a value replaces it by the pseudonym as a JSON string: a string
 *       is hashed by its text, a number, boolean, object or array by its JSON text; {@code null} stays.
 *       The payload is written anew (Jackson: compact, key order kept) only when something was replaced.</li>
 *   <li>A pointer that resolves to nothing is not an error (the message carries nothing to hide there):
 *       it is counted in {@link #unresolvedPointers()}.</li>
 *   <li>A payload that is not JSON while pointers are configured is counted in {@link #invalidPayloads()}
 *       and stored unchanged, or refused when the configuration says
 *       {@link PseudonymisationConfig.InvalidPayload#REFUSE}.</li>
 * </ul>
 * The secret lives in a {@link Mac} per thread and in no field that {@code toString} or a log could show.
 * Thread-safe.
 */
public final class Pseudonymiser {

    /** Leaves every message as it is. */
    public static final Pseudonymiser NONE = new Pseudonymiser(null);

    private static final String HMAC = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What {@link #apply} decided. */
    public sealed interface Result permits Applied, Refused {
    }

    /** The message to store: its properties and payload, pseudonymised where configured. */
    public record Applied(List<UserProperty> properties, byte[] payload) implements Result {
    }

    /** The message must not be stored; the edge answers {@code code}. */
    public record Refused(ErrorCode code, String reason) implements Result {
    }

    private final PseudonymisationConfig config;
    private final List<JsonPointer> pointers;
    private final ThreadLocal<Mac> macs;
    private final LongAdder unresolvedPointers = new LongAdder();
    private final LongAdder invalidPayloads = new LongAdder();

    /** @param config what to pseudonymise, or null for nothing */
    public Pseudonymiser(PseudonymisationConfig config) {
        this.config = config;
        this.pointers = config == null ? List.of() : config.jsonPointers().stream().map(JsonPointer::compile).toList();
        if (config == null) {
            this.macs = null;
        } else {
            SecretKeySpec key = new SecretKeySpec(config.secret(), HMAC);
            this.macs = ThreadLocal.withInitial(() -> newMac(key));
            newMac(key); // fail at start-up, not at the first message
        }
    }

    /** The message's properties and payload as they are to be stored, or why it is refused. */
    public Result apply(List<UserProperty> properties, byte[] payload) {
        if (config == null) {
            return new Applied(properties, payload);
        }
        List<UserProperty> storedProperties = pseudonymiseProperties(properties);
        if (pointers.isEmpty()) {
            return new Applied(storedProperties, payload);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isContainerNode()) {
            invalidPayloads.increment();
            if (config.invalidPayload() == PseudonymisationConfig.InvalidPayload.REFUSE) {
                return new Refused(ErrorCode.PAYLOAD_FORMAT_INVALID,
                        "the payload must be a JSON object or array: the hub pseudonymises fields of it");
            }
            return new Applied(storedProperties, payload);
        }
        boolean replaced = false;
        for (JsonPointer pointer : pointers) {
            replaced |= replace(root, pointer);
        }
        try {
            return new Applied(storedProperties, replaced ? JSON.writeValueAsBytes(root) : payload);
        } catch (IOException e) {
            throw new IllegalStateException("writing a parsed JSON tree failed", e);
        }
    }

    /** Messages stored without a pseudonymised field because a pointer resolved to nothing, one count per pointer. */
    public long unresolvedPointers() {
        return unresolvedPointers.sum();
    }

    /** Messages whose payload was not JSON while pointers are configured (stored unchanged or refused). */
    public long invalidPayloads() {
        return invalidPayloads.sum();
    }

    /** The pseudonym of {@code value}: the first {@code hexLength} hex digits of its HMAC. */
    public String pseudonym(String value) {
        if (config == null) {
            throw new IllegalStateException("no pseudonymisation is configured");
        }
        byte[] mac = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac).substring(0, config.hexLength());
    }

    private List<UserProperty> pseudonymiseProperties(List<UserProperty> properties) {
        if (config.propertyNames().isEmpty()) {
            return properties;
        }
        List<UserProperty> result = null;
        for (int i = 0; i < properties.size(); i++) {
            UserProperty property = properties.get(i);
            if (config.propertyNames().contains(property.name())) {
                if (result == null) {
                    result = new ArrayList<>(properties);
                }
                result.set(i, new UserProperty(property.name(), pseudonym(property.value())));
            }
        }
        return result == null ? properties : result;
    }

    private boolean replace(JsonNode root, JsonPointer pointer) {
        JsonNode value = root.at(pointer);
        if (value.isMissingNode()) {
            unresolvedPointers.increment();
            return false;
        }
        if (value.isNull()) {
            return false;
        }
        TextNode pseudonym = TextNode.valueOf(pseudonym(value.isTextual() ? value.textValue() : value.toString()));
        JsonNode parent = root.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            object.set(pointer.last().getMatchingProperty(), pseudonym);
        } else if (parent instanceof ArrayNode array) {
            array.set(pointer.last().getMatchingIndex(), pseudonym);
        }
        return true;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return config == null ? "Pseudonymiser[none]" : "Pseudonymiser[" + config + "]";
    }
}
