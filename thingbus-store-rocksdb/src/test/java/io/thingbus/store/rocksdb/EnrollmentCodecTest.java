package io.thingbus.store.rocksdb;

import static io.thingbus.store.rocksdb.CodecTestSupport.bytes;
import static io.thingbus.store.rocksdb.CodecTestSupport.hex;
import static io.thingbus.store.rocksdb.CodecTestSupport.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.registry.provisioning.AllocationPolicy;
import io.thingbus.registry.provisioning.EnrollmentKeys;
import io.thingbus.registry.provisioning.EnrollmentKind;
import io.thingbus.registry.provisioning.EnrollmentSettings;
import io.thingbus.registry.provisioning.EnrollmentStatus;
import io.thingbus.registry.provisioning.GroupEnrollment;
import io.thingbus.registry.provisioning.IndividualEnrollment;
import io.thingbus.registry.provisioning.Registration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrollmentCodecTest {

    /** base64 of 16 zero bytes: "AAAAAAAAAAAAAAAAAAAAAA==" (24 characters). */
    private static final String ZEROS = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String ZEROS_HEX = " 18" + " 41".repeat(22) + " 3D 3D";
    private static final EnrollmentKeys KEYS = new EnrollmentKeys(ZEROS, ZEROS);
    private static final Instant AT = Instant.ofEpochSecond(64, 5);

    @Test
    void writesARegistrationVersionOneByteForByte() {
        Registration registration = new Registration("r", "d", 300, EnrollmentKind.GROUP, "g", 2, AT, AT);

        assertThat(hex(EnrollmentCodec.encode(registration))).isEqualTo(
                "01" // version
                        + " 02" // group
                        + " 01 64" // device id "d"
                        + " AC 02" // partition 300
                        + " 01 67" // enrollment id "g"
                        + " 02" // assignments
                        + " 80 01 05" // created: 64 s (zigzag 128), 5 ns
                        + " 80 01 05"); // updated
        assertThat(EnrollmentCodec.decodeRegistration("r", EnrollmentCodec.encode(registration))).isEqualTo(registration);
    }

    @Test
    void writesAGroupVersionOneByteForByte() {
        GroupEnrollment group = new GroupEnrollment("g", KEYS, new EnrollmentSettings(Map.of("k", "v"),
                EnrollmentStatus.DISABLED, true, AllocationPolicy.HASH), AT, AT);

        assertThat(hex(EnrollmentCodec.encode(group))).isEqualTo(
                "01" // version
                        + " 07" // disabled, allows reprovisioning, has a policy
                        + ZEROS_HEX + ZEROS_HEX // keys
                        + " 04 68 61 73 68" // "hash"
                        + " 01 01 6B 01 76" // one tag k=v
                        + " 80 01 05 80 01 05"); // created, updated
    }

    @Test
    void writesAnIndividualEnrollmentVersionOneByteForByte() {
        IndividualEnrollment bare = new IndividualEnrollment("r", "d", null, KEYS, EnrollmentSettings.defaults(), AT, AT);
        IndividualEnrollment withParent = new IndividualEnrollment("r", "d", "p", KEYS, EnrollmentSettings.defaults(), AT, AT);

        assertThat(hex(EnrollmentCodec.encode(bare))).isEqualTo("01 00 01 64" + ZEROS_HEX + ZEROS_HEX
                + " 00 80 01 05 80 01 05");
        assertThat(hex(EnrollmentCodec.encode(withParent))).isEqualTo("01 08 01 64 01 70" + ZEROS_HEX + ZEROS_HEX
                + " 00 80 01 05 80 01 05");
        assertThat(EnrollmentCodec.decodeIndividual("r", EnrollmentCodec.encode(withParent))).isEqualTo(withParent);
    }

    @Test
    void tagsAreWrittenInNameOrderWhateverTheMapOrder() {
        Map<String, String> tags = Map.of("b", "2", "a", "1", "c", "3");
        GroupEnrollment group = new GroupEnrollment("g", KEYS, EnrollmentSettings.defaults(), AT, AT);
        byte[] value = EnrollmentCodec.encode(group.withSettings(new EnrollmentSettings(tags, EnrollmentStatus.ENABLED,
                false, null), AT));

        assertThat(hex(value)).contains("03 01 61 01 31 01 62 01 32 01 63 01 33");
    }

    @Test
    void refusesAnUnknownVersionWithAClearMessage() {
        byte[] value = withVersion(EnrollmentCodec.encode(new GroupEnrollment("g", KEYS, EnrollmentSettings.defaults(), AT,
                AT)), 2);

        assertThatThrownBy(() -> EnrollmentCodec.decodeGroup("g", value)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("group enrollment value has codec version 2 but this build reads only version 1");
    }

    @Test
    void refusesUnknownFlagsAParentOnAGroupAndAnUnknownKind() {
        byte[] group = EnrollmentCodec.encode(new GroupEnrollment("g", KEYS, EnrollmentSettings.defaults(), AT, AT));
        group[1] = 0x08;
        assertThatThrownBy(() -> EnrollmentCodec.decodeGroup("g", group)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unknown flags");

        byte[] individual = EnrollmentCodec.encode(new IndividualEnrollment("r", "d", null, KEYS,
                EnrollmentSettings.defaults(), AT, AT));
        individual[1] = 0x10;
        assertThatThrownBy(() -> EnrollmentCodec.decodeIndividual("r", individual)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unknown flags");

        assertThatThrownBy(() -> EnrollmentCodec.decodeRegistration("r", bytes("01 03 01 64 00 01 67 01 00 00 00 00")))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("unknown enrollment kind");
    }

    @Test
    void refusesAValueCutShortOrWithBytesLeftOverOrAnInvalidField() {
        byte[] value = EnrollmentCodec.encode(new Registration("r", "d", 1, EnrollmentKind.INDIVIDUAL, "r", 1, AT, AT));

        assertThatThrownBy(() -> EnrollmentCodec.decodeRegistration("r", Arrays.copyOf(value, value.length - 1)))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> EnrollmentCodec.decodeRegistration("r", Arrays.copyOf(value, value.length + 1)))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("unread bytes");
        assertThatThrownBy(() -> EnrollmentCodec.decodeRegistration("a/b", value))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("an invalid field");
    }
}
