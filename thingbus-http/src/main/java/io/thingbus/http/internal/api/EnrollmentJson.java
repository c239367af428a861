package io.thingbus.http.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.devices.DeviceTags;
import io.thingbus.registry.provisioning.AllocationPolicy;
import io.thingbus.registry.provisioning.Enrollment;
import io.thingbus.registry.provisioning.EnrollmentKeys;
import io.thingbus.registry.provisioning.EnrollmentSettings;
import io.thingbus.registry.provisioning.EnrollmentStatus;
import io.thingbus.registry.provisioning.GroupEnrollment;
import io.thingbus.registry.provisioning.IndividualEnrollment;
import io.thingbus.registry.provisioning.Registration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The JSON form of enrollments and registrations: views for answers, and the members requests may carry. */
final class EnrollmentJson {

    /** Members both kinds of enrollment take when created. */
    static final Set<String> SETTINGS_MEMBERS = Set.of("primaryKey", "secondaryKey", "tags", "status",
            "allowReprovisioning", "allocationPolicy");
    /** Members a PATCH may carry. */
    static final Set<String> PATCH_MEMBERS = Set.of("status", "allowReprovisioning");

    private EnrollmentJson() {
    }

    static Map<String, Object> view(IndividualEnrollment enrollment, boolean withKeys) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("registrationId", enrollment.registrationId());
        view.put("deviceId", enrollment.deviceId());
        if (enrollment.parentId() != null) {
            view.put("parentId", enrollment.parentId());
        }
        addCommon(view, enrollment, withKeys);
        return view;
    }

    static Map<String, Object> view(GroupEnrollment group, boolean withKeys) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("groupId", group.groupId());
        addCommon(view, group, withKeys);
        return view;
    }

    static Map<String, Object> view(Registration registration) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("registrationId", registration.registrationId());
        view.put("deviceId", registration.deviceId());
        view.put("status", Registration.ASSIGNED);
        view.put("substatus", registration.substatus());
        view.put("partition", registration.partition());
        view.put("enrollment", Map.of("kind", registration.enrollmentKind().wireName(), "id", registration.enrollmentId()));
        view.put("assignments", registration.assignments());
        view.put("createdDateTimeUtc", registration.created().toString());
        view.put("lastUpdatedDateTimeUtc", registration.updated().toString());
        return view;
    }

    /** Refuses a member not in {@code allowed}. */
    static void requireOnly(JsonNode body, Set<String> allowed) {
        for (Iterator<String> members = body.fieldNames(); members.hasNext(); ) {
            String member = members.next();
            if (!allowed.contains(member)) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "unknown member '" + member + "' (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    /** {@code primaryKey} and {@code secondaryKey}: both, or neither (null: the hub makes them). */
    static EnrollmentKeys keys(JsonNode body) {
        String primary = optionalText(body, "primaryKey");
        String secondary = optionalText(body, "secondaryKey");
        if (primary == null && secondary == null) {
            return null;
        }
        if (primary == null || secondary == null) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "give both primaryKey and secondaryKey, or neither");
        }
        return badRequestUnlessValid(() -> new EnrollmentKeys(primary, secondary));
    }

    /** {@code tags}, {@code status}, {@code allowReprovisioning}, {@code allocationPolicy}, each optional. */
    static EnrollmentSettings settings(JsonNode body) {
        EnrollmentSettings defaults = EnrollmentSettings.defaults();
        String status = optionalText(body, "status");
        String policy = optionalText(body, "allocationPolicy");
        return badRequestUnlessValid(() -> new EnrollmentSettings(tags(body),
                status == null ? defaults.status() : EnrollmentStatus.fromWireName(status),
                optionalBoolean(body, "allowReprovisioning", defaults.allowReprovisioning()),
                policy == null ? null : AllocationPolicy.parse(policy)));
    }

    /** A PATCH: {@code status} and {@code allowReprovisioning}, at least one. */
    static UnaryOperator<EnrollmentSettings> patch(JsonNode body) {
        requireOnly(body, PATCH_MEMBERS);
        if (body.isEmpty()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "a PATCH changes status, allowReprovisioning or both");
        }
        String status = optionalText(body, "status");
        EnrollmentStatus newStatus = status == null ? null : badRequestUnlessValid(() -> EnrollmentStatus.fromWireName(status));
        JsonNode allow = body.get("allowReprovisioning");
        Boolean newAllow = allow == null ? null : optionalBoolean(body, "allowReprovisioning", false);
        return settings -> {
            EnrollmentSettings changed = newStatus == null ? settings : settings.withStatus(newStatus);
            return newAllow == null ? changed : changed.withAllowReprovisioning(newAllow);
        };
    }

    static String optionalText(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + member + "' must be a string");
        }
        return value.asText();
    }

    static String requiredText(JsonNode body, String member) {
        String value = optionalText(body, member);
        if (value == null) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + member + "' is required");
        }
        return value;
    }

    private static void addCommon(Map<String, Object> view, Enrollment enrollment, boolean withKeys) {
        EnrollmentSettings settings = enrollment.settings();
        view.put("tags", settings.tags());
        view.put("status", settings.status().wireName());
        view.put("allowReprovisioning", settings.allowReprovisioning());
        if (settings.allocationPolicy() != null) {
            view.put("allocationPolicy", settings.allocationPolicy().wireName());
        }
        if (withKeys) {
            view.put("primaryKey", enrollment.keys().primaryKey());
            view.put("secondaryKey", enrollment.keys().secondaryKey());
        }
        view.put("created", enrollment.created().toString());
        view.put("updated", enrollment.updated().toString());
    }

    /** The initial tags, under the rules of device tags (they become the device's). */
    private static Map<String, String> tags(JsonNode body) {
        JsonNode tags = body.get("tags");
        if (tags == null || tags.isNull()) {
            return Map.of();
        }
        if (!tags.isObject()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'tags' must be an object");
        }
        return DeviceTags.fromJson(tags);
    }

    private static boolean optionalBoolean(JsonNode body, String member, boolean absent) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + member + "' must be true or false");
        }
        return value.asBoolean();
    }

    private static <T> T badRequestUnlessValid(Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, invalid.getMessage());
        }
    }
}
