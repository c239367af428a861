package io.thingbus.store.rocksdb;

import io.thingbus.registry.provisioning.AllocationPolicy;
import io.thingbus.registry.provisioning.EnrollmentKeys;
import io.thingbus.registry.provisioning.EnrollmentKind;
import io.thingbus.registry.provisioning.EnrollmentSettings;
import io.thingbus.registry.provisioning.EnrollmentStatus;
import io.thingbus.registry.provisioning.GroupEnrollment;
import io.thingbus.registry.provisioning.IndividualEnrollment;
import io.thingbus.registry.provisioning.Registration;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The value formats of the {@code enrollments} column family: individual enrollments, groups and
 * registrations. The id is in the key, so the values hold only the rest. Keys of enrollments are
 * stored as the base64 text they were given in.
 *
 * <p>Version 1 of an individual enrollment and of a group:
 * <pre>
 * byte     version (1)
 * byte     flags: bit 0 disabled, bit 1 allows reprovisioning, bit 2 has an allocation policy,
 *          bit 3 has a parent (individual only); other bits 0
 * string   device id                       individual only
 * string   parent id                       if bit 3
 * string   primary key (base64 text)
 * string   secondary key (base64 text)
 * string   allocation policy, e.g. tag:room   if bit 2 (absent: the hub's default)
 * varint   tag count, then each as string name, string value, in name order
 * svarlong created, seconds since the epoch; varint its nanoseconds
 * svarlong updated, seconds since the epoch; varint its nanoseconds
 * </pre>
 *
 * <p>Version 1 of a registration:
 * <pre>
 * byte     version (1)
 * byte     enrollment kind: 1 individual, 2 group
 * string   device id
 * varint   partition
 * string   enrollment id
 * varint   assignments
 * svarlong created, seconds; varint nanoseconds
 * svarlong updated, seconds; varint nanoseconds
 * </pre>
 * A value with another version, unknown flag bits, invalid fields or bytes left over is refused with
 * a {@link StoreFormatException}.
 */
final class EnrollmentCodec {

    static final int VERSION = 1;

    private static final int DISABLED = 1;
    private static final int ALLOWS_REPROVISIONING = 1 << 1;
    private static final int HAS_POLICY = 1 << 2;
    private static final int HAS_PARENT = 1 << 3;
    private static final int KNOWN_FLAGS = DISABLED | ALLOWS_REPROVISIONING | HAS_POLICY | HAS_PARENT;

    private static final int INDIVIDUAL_KIND = 1;
    private static final int GROUP_KIND = 2;

    private EnrollmentCodec() {
    }

    static byte[] encode(IndividualEnrollment enrollment) {
        ValueWriter out = new ValueWriter(256);
        out.writeByte(VERSION).writeByte(flags(enrollment.settings()) | (enrollment.parentId() != null ? HAS_PARENT : 0))
                .writeString(enrollment.deviceId());
        if (enrollment.parentId() != null) {
            out.writeString(enrollment.parentId());
        }
        writeCommon(out, enrollment.keys(), enrollment.settings(), enrollment.created(), enrollment.updated());
        return out.toByteArray();
    }

    static IndividualEnrollment decodeIndividual(String registrationId, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, "individual enrollment value", VERSION);
        int flags = readFlags(in, KNOWN_FLAGS);
        String deviceId = in.readString();
        String parentId = (flags & HAS_PARENT) != 0 ? in.readString() : null;
        Common common = readCommon(in, flags);
        return valid(in, () -> new IndividualEnrollment(registrationId, deviceId, parentId, common.keys(), common.settings(),
                common.created(), common.updated()));
    }

    static byte[] encode(GroupEnrollment group) {
        ValueWriter out = new ValueWriter(256);
        out.writeByte(VERSION).writeByte(flags(group.settings()));
        writeCommon(out, group.keys(), group.settings(), group.created(), group.updated());
        return out.toByteArray();
    }

    static GroupEnrollment decodeGroup(String groupId, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, "group enrollment value", VERSION);
        int flags = readFlags(in, KNOWN_FLAGS & ~HAS_PARENT);
        Common common = readCommon(in, flags);
        return valid(in, () -> new GroupEnrollment(groupId, common.keys(), common.settings(), common.created(),
                common.updated()));
    }

    static byte[] encode(Registration registration) {
        ValueWriter out = new ValueWriter(64);
        out.writeByte(VERSION)
                .writeByte(registration.enrollmentKind() == EnrollmentKind.INDIVIDUAL ? INDIVIDUAL_KIND : GROUP_KIND)
                .writeString(registration.deviceId())
                .writeVarInt(registration.partition())
                .writeString(registration.enrollmentId())
                .writeVarInt(registration.assignments());
        writeInstant(out, registration.created());
        writeInstant(out, registration.updated());
        return out.toByteArray();
    }

    static Registration decodeRegistration(String registrationId, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, "registration value", VERSION);
        EnrollmentKind kind = switch (in.readUnsignedByte()) {
            case INDIVIDUAL_KIND -> EnrollmentKind.INDIVIDUAL;
            case GROUP_KIND -> EnrollmentKind.GROUP;
            default -> throw in.corrupt("an unknown enrollment kind");
        };
        String deviceId = in.readString();
        int partition = in.readVarInt();
        String enrollmentId = in.readString();
        int assignments = in.readVarInt();
        Instant created = readInstant(in);
        Instant updated = readInstant(in);
        in.expectEnd();
        return valid(in, () -> new Registration(registrationId, deviceId, partition, kind, enrollmentId, assignments,
                created, updated));
    }

    /** What individual enrollments and groups share, read back. */
    private record Common(EnrollmentKeys keys, EnrollmentSettings settings, Instant created, Instant updated) {
    }

    private static int flags(EnrollmentSettings settings) {
        return (settings.isEnabled() ? 0 : DISABLED)
                | (settings.allowReprovisioning() ? ALLOWS_REPROVISIONING : 0)
                | (settings.allocationPolicy() != null ? HAS_POLICY : 0);
    }

    private static int readFlags(ValueReader in, int known) {
        int flags = in.readUnsignedByte();
        if ((flags & ~known) != 0) {
            throw in.corrupt("unknown flags " + Integer.toBinaryString(flags));
        }
        return flags;
    }

    private static void writeCommon(ValueWriter out, EnrollmentKeys keys, EnrollmentSettings settings, Instant created,
                                    Instant updated) {
        out.writeString(keys.primaryKey()).writeString(keys.secondaryKey());
        if (settings.allocationPolicy() != null) {
            out.writeString(settings.allocationPolicy().wireName());
        }
        Map<String, String> tags = new TreeMap<>(settings.tags());
        out.writeVarInt(tags.size());
        tags.forEach((name, value) -> out.writeString(name).writeString(value));
        writeInstant(out, created);
        writeInstant(out, updated);
    }

    private static Common readCommon(ValueReader in, int flags) {
        String primaryKey = in.readString();
        String secondaryKey = in.readString();
        String policy = (flags & HAS_POLICY) != 0 ? in.readString() : null;
        int count = in.readVarInt();
        if (count < 0 || count > in.remaining() / 2) {
            throw in.corrupt("a tag count of " + Integer.toUnsignedString(count));
        }
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            tags.put(name, in.readString());
        }
        Instant created = readInstant(in);
        Instant updated = readInstant(in);
        in.expectEnd();
        return valid(in, () -> new Common(new EnrollmentKeys(primaryKey, secondaryKey), new EnrollmentSettings(tags,
                (flags & DISABLED) != 0 ? EnrollmentStatus.DISABLED : EnrollmentStatus.ENABLED,
                (flags & ALLOWS_REPROVISIONING) != 0, policy == null ? null : AllocationPolicy.parse(policy)),
                created, updated));
    }

    private static void writeInstant(ValueWriter out, Instant instant) {
        out.writeSignedVarLong(instant.getEpochSecond()).writeVarInt(instant.getNano());
    }

    private static Instant readInstant(ValueReader in) {
        long seconds = in.readSignedVarLong();
        int nanos = in.readVarInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw in.corrupt("a nanosecond field of " + Integer.toUnsignedString(nanos));
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException outOfRange) {
            throw in.corrupt("a time of " + seconds + " seconds since the epoch");
        }
    }

    /** Builds a record from decoded fields, turning a field it refuses into a corrupt value. */
    private static <T> T valid(ValueReader in, Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException invalid) {
            throw in.corrupt("an invalid field: " + invalid.getMessage());
        }
    }
}
