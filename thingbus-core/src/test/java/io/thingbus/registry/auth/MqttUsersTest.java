package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttUsersTest {

    private final InMemoryMqttUserStore store = new InMemoryMqttUserStore();
    private final ManualClock clock = new ManualClock();
    private final MqttUsers users = new MqttUsers(store, clock, new SecureRandom(), PasswordHash.MIN_ITERATIONS);

    @Test
    void storesOnlyASaltedHashAndVerifiesThePassword() {
        MqttUser alice = users.create("alice", "correct horse");

        assertThat(alice.created()).isEqualTo(ManualClock.START);
        assertThat(alice.password().encoded()).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct horse");
        assertThat(users.verify("alice", bytes("correct horse"))).contains(alice);
        assertThat(users.verify("alice", bytes("correct horsE"))).isEmpty();
        assertThat(users.verify("nobody", bytes("correct horse"))).isEmpty();
        assertThat(users.verify(null, bytes("correct horse"))).isEmpty();
    }

    @Test
    void theSamePasswordHashesDifferentlyForTwoUsers() {
        MqttUser alice = users.create("alice", "same password");
        MqttUser bob = users.create("bob", "same password");

        assertThat(alice.password()).isNotEqualTo(bob.password());
    }

    @Test
    void verifiesNonAsciiPasswordsAsMqttSendsThem() {
        users.create("zoe", "pässwörd-ß€");

        assertThat(users.verify("zoe", "pässwörd-ß€".getBytes(StandardCharsets.UTF_8))).isPresent();
    }

    @Test
    void refusesTakenNamesBadNamesAndPasswordsOfAnotherForm() {
        users.create("alice", "correct horse");

        assertThatThrownBy(() -> users.create("alice", "another one")).isInstanceOf(ThingbusException.class)
                .extracting(e -> ((ThingbusException) e).code()).isEqualTo(ErrorCode.CONFLICT);
        assertBadRequest(() -> users.create("a/b", "correct horse"));
        assertBadRequest(() -> users.create("carol", "short"));
        assertBadRequest(() -> users.create("carol", "SharedAccessSignature sr=x&sig=y&se=1"));
        assertBadRequest(() -> users.create("carol", "tb_abcdefghijk"));
        assertBadRequest(() -> users.create("carol", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));
    }

    @Test
    void removesAUserAndTellsTheListeners() {
        users.create("alice", "correct horse");
        List<String> removed = new ArrayList<>();
        users.onRemoval(removed::add);

        users.remove("alice");

        assertThat(removed).containsExactly("alice");
        assertThat(users.verify("alice", bytes("correct horse"))).isEmpty();
        assertThatThrownBy(() -> users.remove("alice")).extracting(e -> ((ThingbusException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aHashSurvivesItsStoredForm() {
        PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), 1_234, new SecureRandom());

        PasswordHash parsed = PasswordHash.parse(hash.encoded());

        assertThat(parsed).isEqualTo(hash);
        assertThat(parsed.iterations()).isEqualTo(1_234);
        assertThat(parsed.matches("correct horse".toCharArray())).isTrue();
        assertThat(parsed.toString()).doesNotContain(hash.encoded().substring(20));
        assertThatThrownBy(() -> PasswordHash.parse("md5$x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.create("x".toCharArray(), 10, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ThingbusException.class)
                .extracting(e -> ((ThingbusException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
