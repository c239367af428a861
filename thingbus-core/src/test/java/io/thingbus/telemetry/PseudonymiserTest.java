package io.thingbus.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.UserProperty;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final byte[] SECRET = "0123456789abcdef-hub-secret".getBytes(StandardCharsets.UTF_8);

    private static Pseudonymiser pseudonymiser(PseudonymisationConfig.InvalidPayload invalid, String... pointers) {
        return new Pseudonymiser(new PseudonymisationConfig(SECRET, List.of(pointers), Set.of("patient"),
                PseudonymisationConfig.DEFAULT_HEX_LENGTH, invalid));
    }

    private static String hmacHex(String value, int digits) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, digits);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Pseudonymiser.Applied applied(Pseudonymiser.Result result) {
        assertThat(result).isInstanceOf(Pseudonymiser.Applied.class);
        return (Pseudonymiser.Applied) result;
    }

    @Test
    void replacesPointedValuesAndNamedPropertiesByTheirTruncatedHmac() throws Exception {
        Pseudonymiser pseudonymiser = pseudonymiser(PseudonymisationConfig.InvalidPayload.PASS_THROUGH,
                "/badge", "/owner/name", "/readings/1", "/owner/age");
        byte[] payload = utf8("{\"badge\":\"B-4711\",\"owner\":{\"name\":\"Ada Lovelace\",\"age\":36},"
                + "\"readings\":[1,2,3],\"room\":\"R1\"}");
        List<UserProperty> properties = List.of(new UserProperty("patient", "Grace Hopper"), new UserProperty("ward", "7"));

        Pseudonymiser.Applied result = applied(pseudonymiser.apply(properties, payload));

        String stored = new String(result.payload(), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo("{\"badge\":\"" + hmacHex("B-4711", 16) + "\",\"owner\":{\"name\":\""
                + hmacHex("Ada Lovelace", 16) + "\",\"age\":\"" + hmacHex("36", 16) + "\"},\"readings\":[1,\""
                + hmacHex("2", 16) + "\",3],\"room\":\"R1\"}");
        assertThat(stored).doesNotContain("B-4711", "Ada", "Lovelace");
        assertThat(result.properties()).containsExactly(new UserProperty("patient", hmacHex("Grace Hopper", 16)),
                new UserProperty("ward", "7"));
        assertThat(pseudonymiser.pseudonym("B-4711")).as("stable: events stay joinable").isEqualTo(hmacHex("B-4711", 16));
    }

    @Test
    void aPointerThatResolvesToNothingIsCountedAndTheRestApplied() {
        Pseudonymiser pseudonymiser = pseudonymiser(PseudonymisationConfig.InvalidPayload.REFUSE, "/badge", "/missing/deep");
        byte[] payload = utf8("{\"room\":\"R1\",\"nothing\":null}");

        Pseudonymiser.Applied result = applied(pseudonymiser.apply(List.of(), payload));

        assertThat(result.payload()).as("unchanged, not even re-written").isSameAs(payload);
        assertThat(pseudonymiser.unresolvedPointers()).isEqualTo(2);
        assertThat(pseudonymiser.invalidPayloads()).isZero();
    }

    @Test
    void aPayloadThatIsNotJsonPassesThroughOrIsRefusedAsConfigured() {
        byte[] payload = utf8("badge=B-4711");
        Pseudonymiser passing = pseudonymiser(PseudonymisationConfig.InvalidPayload.PASS_THROUGH, "/badge");
        Pseudonymiser refusing = pseudonymiser(PseudonymisationConfig.InvalidPayload.REFUSE, "/badge");

        assertThat(applied(passing.apply(List.of(), payload)).payload()).isSameAs(payload);
        assertThat(passing.invalidPayloads()).isEqualTo(1);
        assertThat(refusing.apply(List.of(), payload)).isInstanceOfSatisfying(Pseudonymiser.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_FORMAT_INVALID));
        assertThat(refusing.apply(List.of(), utf8("{\"badge\":1} trailing"))).isInstanceOf(Pseudonymiser.Refused.class);
        assertThat(refusing.apply(List.of(), utf8("\"just a string\""))).isInstanceOf(Pseudonymiser.Refused.class);
        assertThat(refusing.invalidPayloads()).isEqualTo(3);
    }

    @Test
    void theHexLengthIsConfigurable() throws Exception {
        Pseudonymiser pseudonymiser = new Pseudonymiser(new PseudonymisationConfig(SECRET, List.of(), Set.of("id"), 40,
                PseudonymisationConfig.InvalidPayload.PASS_THROUGH));

        assertThat(applied(pseudonymiser.apply(List.of(new UserProperty("id", "x")), new byte[0])).properties())
                .containsExactly(new UserProperty("id", hmacHex("x", 40)));
    }

    @Test
    void theSecretIsInNoStringForm() {
        PseudonymisationConfig config = new PseudonymisationConfig(SECRET, List.of("/a"), Set.of(), 16,
                PseudonymisationConfig.InvalidPayload.PASS_THROUGH);
        String secret = new String(SECRET, StandardCharsets.UTF_8);

        assertThat(config.toString()).doesNotContain(secret).doesNotContain(HexFormat.of().formatHex(SECRET));
        assertThat(new Pseudonymiser(config).toString()).doesNotContain(secret);
    }

    @Test
    void refusesABadConfiguration() {
        var invalid = PseudonymisationConfig.InvalidPayload.PASS_THROUGH;
        assertThatThrownBy(() -> new PseudonymisationConfig(new byte[8], List.of(), Set.of(), 16, invalid))
                .hasMessageContaining("at least 16 bytes");
        assertThatThrownBy(() -> new PseudonymisationConfig(SECRET, List.of("badge"), Set.of(), 16, invalid))
                .hasMessageContaining("not a JSON pointer");
        assertThatThrownBy(() -> new PseudonymisationConfig(SECRET, List.of(""), Set.of(), 16, invalid))
                .hasMessageContaining("root pointer");
        assertThatThrownBy(() -> new PseudonymisationConfig(SECRET, List.of(), Set.of(), 65, invalid))
                .hasMessageContaining("hexLength");
    }

    @Test
    void noneLeavesMessagesAlone() {
        byte[] payload = utf8("{\"badge\":\"B-4711\"}");
        List<UserProperty> properties = List.of(new UserProperty("patient", "p"));

        Pseudonymiser.Applied result = applied(Pseudonymiser.NONE.apply(properties, payload));

        assertThat(result.payload()).isSameAs(payload);
        assertThat(result.properties()).isSameAs(properties);
    }
}
