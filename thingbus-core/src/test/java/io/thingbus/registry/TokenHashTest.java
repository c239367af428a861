package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenHashTest {

    @Test
    void isTheSha256OfTheUtf8Token() {
        // echo -n abc | sha256sum
        assertThat(TokenHash.of("abc").hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void roundTripsThroughHex() {
        TokenHash hash = TokenHash.of("tb_secret");

        assertThat(TokenHash.fromHex(hash.hex()).matches(hash)).isTrue();
        assertThat(TokenHash.fromHex(hash.hex())).isEqualTo(hash).hasSameHashCodeAs(hash);
    }

    @Test
    void matchesOnlyTheSameToken() {
        assertThat(TokenHash.of("one").matches(TokenHash.of("one"))).isTrue();
        assertThat(TokenHash.of("one").matches(TokenHash.of("One"))).isFalse();
    }

    @Test
    void refusesAnythingButSixtyFourHexDigits() {
        assertThatThrownBy(() -> TokenHash.fromHex("abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenHash.fromHex("zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsOnlyAPrefixOfTheHash() {
        TokenHash hash = TokenHash.of("abc");

        assertThat(hash.toString()).isEqualTo("sha256:ba7816bf...");
    }
}
