package io.thingbus.registry.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceCredentials;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.testing.ManualClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ProvisioningServiceTest {

    static final String KEY_A = key('a');
    static final String KEY_B = key('b');
    static final String GROUP_KEY = key('g');
    static final String GROUP_KEY_2 = key('h');
    static final int PARTITIONS = 8;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final InMemoryDeviceStore devices = new InMemoryDeviceStore();
    private final InMemoryEnrollmentStore store = new InMemoryEnrollmentStore();
    private final LeastLoadedAllocator leastLoaded = LeastLoadedAllocator.count(devices, PARTITIONS);
    private final PartitionAllocators allocators = new PartitionAllocators(leastLoaded, AllocationPolicy.HASH);
    private final DeviceRegistry registry = new DeviceRegistry(devices, allocators.hubDefault(), clock, new SecureRandom());
    private final Enrollments enrollments = new Enrollments(store, clock, new SecureRandom());
    private final HubEndpoints hub = new HubEndpoints("hub.example.org", 1883, 8883, 8080, 8443, "/mqtt",
            "/$iothub/websocket");
    private final ProvisioningService service = new ProvisioningService(store, registry, allocators, () -> hub, clock);

    ProvisioningServiceTest() {
        registry.addListener(leastLoaded);
    }

    static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }

    /** The derived key as Azure documents it, computed here without the code under test. */
    static String azureDerivedKey(String groupKey, String registrationId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(groupKey), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(registrationId.getBytes(StandardCharsets.UTF_8)));
    }

    private String token(String registrationId, String key) {
        return SasToken.sign("0ne00ABCDEF/registrations/" + registrationId, key, clock.instant().plusSeconds(3600));
    }

    private IndividualEnrollment enroll(String registrationId, EnrollmentSettings settings) {
        return enrollments.createIndividual(registrationId, null, null, new EnrollmentKeys(KEY_A, KEY_B), settings);
    }

    private GroupEnrollment enrollGroup(String groupId, String groupKey, EnrollmentSettings settings) {
        return enrollments.createGroup(groupId, new EnrollmentKeys(groupKey, GROUP_KEY_2), settings);
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ThingbusException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void anIndividualEnrollmentRegistersItsDeviceWithItsOwnKeysTagsAndParent() {
        registry.create("gw-1", Map.of(), null, 0);
        enrollments.createIndividual("reg-1", "sensor-1", "gw-1", new EnrollmentKeys(KEY_A, KEY_B),
                new EnrollmentSettings(Map.of("room", "A-1"), EnrollmentStatus.ENABLED, false, null));

        DeviceConfiguration configuration = service.register("reg-1", token("reg-1", KEY_B));

        Device device = registry.require("sensor-1");
        assertThat(device.credentials()).isEqualTo(DeviceCredentials.keys(KEY_A, KEY_B));
        assertThat(device.tags()).isEqualTo(Map.of("room", "A-1"));
        assertThat(device.parentId()).isEqualTo("gw-1");
        assertThat(device.partition()).isEqualTo(Math.floorMod("sensor-1".hashCode(), PARTITIONS));
        Registration registration = store.findRegistration("reg-1").orElseThrow();
        assertThat(registration).isEqualTo(new Registration("reg-1", "sensor-1", device.partition(),
                EnrollmentKind.INDIVIDUAL, "reg-1", 1, clock.instant(), clock.instant()));
        assertThat(configuration.registration()).isEqualTo(registration);
        assertThat(configuration.hub()).isEqualTo(hub);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentTellsTheDeviceWhereToConnectAndHowToSign() {
        enroll("reg-1", EnrollmentSettings.defaults());

        Map<String, Object> document = service.register("reg-1", token("reg-1", KEY_A)).document();

        assertThat(document).containsEntry("registrationId", "reg-1").containsEntry("deviceId", "reg-1")
                .containsEntry("status", "assigned").containsEntry("substatus", "initialAssignment")
                .containsEntry("assignedHub", "hub.example.org")
                .containsEntry("partition", Math.floorMod("reg-1".hashCode(), PARTITIONS))
                .containsEntry("createdDateTimeUtc", "2026-11-21T10:00:00Z");
        assertThat(document.get("endpoints")).isEqualTo(Map.of("mqtt", "mqtt://hub.example.org:1883",
                "mqtts", "mqtts://hub.example.org:8883", "websocket", "ws://hub.example.org:8080/mqtt",
                "secureWebsocket", "wss://hub.example.org:8443/$iothub/websocket", "http", "http://hub.example.org:8080"));
        assertThat((Map<String, Object>) document.get("topics")).containsEntry("telemetry", "devices/reg-1/messages/events/")
                .containsEntry("commands", "devices/reg-1/messages/devicebound/#");
        assertThat((Map<String, Object>) document.get("mqtt")).containsEntry("username", "hub.example.org/reg-1/?api-version=2021-04-12");
        assertThat((Map<String, Object>) document.get("credentials")).containsEntry("type", "symmetricKey")
                .containsEntry("sasResource", "hub.example.org/devices/reg-1");
        assertThat(document.toString()).doesNotContain(KEY_A).doesNotContain(KEY_B);
    }

    @Test
    void aSecondRegistrationIsAConflictAndChangesNothing() {
        enroll("reg-1", EnrollmentSettings.defaults());
        service.register("reg-1", token("reg-1", KEY_A));
        Registration first = store.findRegistration("reg-1").orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        assertRefused(() -> service.register("reg-1", token("reg-1", KEY_A)), ErrorCode.CONFLICT);
        assertThat(store.findRegistration("reg-1")).contains(first);
        assertThat(registry.count()).isEqualTo(1);
    }

    @Test
    void reprovisioningReturnsTheSameDeviceWithFreshAssignmentDataAndTheSameKeys() {
        enroll("reg-1", EnrollmentSettings.defaults().withAllowReprovisioning(true));
        service.register("reg-1", token("reg-1", KEY_A));
        Device before = registry.require("reg-1");
        clock.advance(Duration.ofMinutes(5));

        DeviceConfiguration again = service.register("reg-1", token("reg-1", KEY_A));

        assertThat(registry.require("reg-1")).isEqualTo(before);
        assertThat(again.registration().assignments()).isEqualTo(2);
        assertThat(again.registration().substatus()).isEqualTo("reprovisioned");
        assertThat(again.registration().created()).isEqualTo(before.created());
        assertThat(again.registration().updated()).isEqualTo(clock.instant());
        assertThat(store.findRegistration("reg-1")).contains(again.registration());
    }

    @Test
    void reprovisioningRecreatesADeletedDeviceWithTheEnrollmentKeys() {
        enroll("reg-1", EnrollmentSettings.defaults().withAllowReprovisioning(true));
        service.register("reg-1", token("reg-1", KEY_A));
        registry.delete("reg-1");

        service.register("reg-1", token("reg-1", KEY_A));

        assertThat(registry.require("reg-1").credentials()).isEqualTo(DeviceCredentials.keys(KEY_A, KEY_B));
    }

    @Test
    void forgettingTheRegistrationLetsTheIdActivateOnceMore() {
        enroll("reg-1", EnrollmentSettings.defaults());
        service.register("reg-1", token("reg-1", KEY_A));
        enrollments.removeRegistration("reg-1");

        assertThat(service.register("reg-1", token("reg-1", KEY_A)).registration().assignments()).isEqualTo(1);
        assertRefused(() -> service.register("reg-1", token("reg-1", KEY_A)), ErrorCode.CONFLICT);
    }

    @Test
    void aGroupMemberRegistersWithTheKeyDerivedAsAzureDerivesIt() throws Exception {
        enrollGroup("badges", GROUP_KEY, new EnrollmentSettings(Map.of("kind", "badge"), EnrollmentStatus.ENABLED, false,
                null));
        String derived = azureDerivedKey(GROUP_KEY, "badge-0042");

        DeviceConfiguration configuration = service.register("badge-0042", token("badge-0042", derived));

        Device device = registry.require("badge-0042");
        assertThat(device.credentials().primaryKey()).isEqualTo(derived);
        assertThat(device.credentials().secondaryKey()).isEqualTo(azureDerivedKey(GROUP_KEY_2, "badge-0042"));
        assertThat(device.tags()).isEqualTo(Map.of("kind", "badge"));
        assertThat(configuration.registration().enrollmentKind()).isEqualTo(EnrollmentKind.GROUP);
        assertThat(configuration.registration().enrollmentId()).isEqualTo("badges");
        String hubToken = SasToken.sign("hub.example.org/devices/badge-0042", derived, clock.instant().plusSeconds(60));
        assertThat(SasToken.parse(hubToken).isSignedWith(device.credentials().primaryKey()))
                .as("the device signs its hub token with the key it already holds").isTrue();
    }

    @Test
    void theSecondaryGroupKeyDerivesToo() throws Exception {
        enrollGroup("badges", GROUP_KEY, EnrollmentSettings.defaults());

        service.register("badge-1", token("badge-1", azureDerivedKey(GROUP_KEY_2, "badge-1")));

        assertThat(registry.find("badge-1")).isPresent();
    }

    @Test
    void theRightGroupIsFoundAmongSeveral() throws Exception {
        enrollGroup("a-group", key('x'), EnrollmentSettings.defaults());
        enrollGroup("b-group", GROUP_KEY, EnrollmentSettings.defaults());
        enrollGroup("c-group", key('y'), EnrollmentSettings.defaults());

        DeviceConfiguration configuration = service.register("badge-1", token("badge-1", azureDerivedKey(GROUP_KEY, "badge-1")));

        assertThat(configuration.registration().enrollmentId()).isEqualTo("b-group");
    }

    @Test
    void theGroupKeyItselfIsNotADeviceKey() {
        enrollGroup("badges", GROUP_KEY, EnrollmentSettings.defaults());

        assertRefused(() -> service.register("badge-1", token("badge-1", GROUP_KEY)), ErrorCode.BAD_CREDENTIALS);
        assertThat(registry.count()).isZero();
    }

    @Test
    void aKeyDerivedForAnotherRegistrationIdIsRefused() throws Exception {
        enrollGroup("badges", GROUP_KEY, EnrollmentSettings.defaults());

        assertRefused(() -> service.register("badge-2", token("badge-2", azureDerivedKey(GROUP_KEY, "badge-1"))),
                ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aWrongKeyIsBadCredentialsAndCreatesNothing() {
        enroll("reg-1", EnrollmentSettings.defaults());

        assertRefused(() -> service.register("reg-1", token("reg-1", key('z'))), ErrorCode.BAD_CREDENTIALS);
        assertThat(registry.count()).isZero();
        assertThat(store.findRegistration("reg-1")).isEmpty();
    }

    @Test
    void anUnknownRegistrationIdGetsTheSameAnswerAsAWrongKey() {
        enroll("reg-1", EnrollmentSettings.defaults());
        enrollGroup("badges", GROUP_KEY, EnrollmentSettings.defaults());

        ThingbusException wrongKey = refusal(() -> service.register("reg-1", token("reg-1", key('z'))));
        ThingbusException unknown = refusal(() -> service.register("reg-2", token("reg-2", key('z'))));

        assertThat(unknown.code()).isEqualTo(wrongKey.code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertThat(unknown.detail()).isEqualTo(wrongKey.detail().replace("reg-1", "reg-2"));
    }

    @Test
    void anIndividualEnrollmentTakesPrecedenceOverTheGroups() throws Exception {
        enroll("badge-1", EnrollmentSettings.defaults());
        enrollGroup("badges", GROUP_KEY, EnrollmentSettings.defaults());

        assertRefused(() -> service.register("badge-1", token("badge-1", azureDerivedKey(GROUP_KEY, "badge-1"))),
                ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void anExpiredTokenIsRefusedAndOneAboutToExpireIsNot() {
        enroll("reg-1", EnrollmentSettings.defaults());
        String token = SasToken.sign("scope/registrations/reg-1", KEY_A, clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(10));

        assertRefused(() -> service.register("reg-1", token), ErrorCode.BAD_CREDENTIALS);

        String fresh = SasToken.sign("scope/registrations/reg-1", KEY_A, clock.instant().plusSeconds(1));
        assertThat(service.register("reg-1", fresh).registration().deviceId()).isEqualTo("reg-1");
    }

    @Test
    void aTokenMustNameThisRegistration() {
        enroll("reg-1", EnrollmentSettings.defaults());
        enroll("reg-2", EnrollmentSettings.defaults());
        Instant expiry = clock.instant().plusSeconds(60);

        assertRefused(() -> service.register("reg-1", token("reg-2", KEY_A)), ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> service.register("reg-1", SasToken.sign("scope/devices/reg-1", KEY_A, expiry)),
                ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> service.register("reg-1", SasToken.sign("registrations/reg-1", KEY_A, expiry)),
                ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> service.register("reg-1", SasToken.sign("a/b/registrations/reg-1", KEY_A, expiry)),
                ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> service.register("reg-1", "Bearer something"), ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> service.register("reg-1", null), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aTokenWithAnUnencodedResourceVerifiesAsSent() {
        enroll("reg-1", EnrollmentSettings.defaults());
        String se = Long.toString(clock.instant().plusSeconds(60).getEpochSecond());
        String signature = SasToken.base64Hmac(KEY_A, "scope/registrations/reg-1\n" + se);
        String token = "SharedAccessSignature sr=scope/registrations/reg-1&sig="
                + URLEncoder.encode(signature, StandardCharsets.UTF_8) + "&se=" + se + "&skn=registration";

        assertThat(service.register("reg-1", token).registration().registrationId()).isEqualTo("reg-1");
    }

    @Test
    void aDisabledEnrollmentIsNotAuthorizedOnceTheKeyIsRight() throws Exception {
        enroll("reg-1", EnrollmentSettings.defaults().withStatus(EnrollmentStatus.DISABLED));
        enrollGroup("badges", GROUP_KEY, EnrollmentSettings.defaults().withStatus(EnrollmentStatus.DISABLED));

        assertRefused(() -> service.register("reg-1", token("reg-1", KEY_A)), ErrorCode.NOT_AUTHORIZED);
        assertRefused(() -> service.register("badge-1", token("badge-1", azureDerivedKey(GROUP_KEY, "badge-1"))),
                ErrorCode.NOT_AUTHORIZED);
        assertRefused(() -> service.register("reg-1", token("reg-1", key('z'))), ErrorCode.BAD_CREDENTIALS);
        assertThat(registry.count()).isZero();
    }

    @Test
    void aDeviceIdTakenByAnotherDeviceIsAConflictAndRecordsNothing() {
        registry.create("reg-1", Map.of(), null, -1);
        enroll("reg-1", EnrollmentSettings.defaults());

        assertRefused(() -> service.register("reg-1", token("reg-1", KEY_A)), ErrorCode.CONFLICT);
        assertThat(store.findRegistration("reg-1")).isEmpty();
    }

    @Test
    void anActivationCutShortBeforeItsRecordCompletesOnTheNextAttempt() {
        enroll("reg-1", EnrollmentSettings.defaults());
        registry.create("reg-1", Map.of(), null, 3, DeviceCredentials.keys(KEY_A, KEY_B));

        DeviceConfiguration configuration = service.register("reg-1", token("reg-1", KEY_A));

        assertThat(configuration.registration().partition()).isEqualTo(3);
        assertThat(configuration.registration().assignments()).isEqualTo(1);
    }

    @Test
    void aParentThatIsNotRegisteredIsABadRequest() {
        enrollments.createIndividual("reg-1", null, "gw-missing", new EnrollmentKeys(KEY_A, KEY_B),
                EnrollmentSettings.defaults());

        assertRefused(() -> service.register("reg-1", token("reg-1", KEY_A)), ErrorCode.BAD_REQUEST);
        assertThat(store.findRegistration("reg-1")).isEmpty();
    }

    @Test
    void anInvalidRegistrationIdIsABadRequest() {
        assertRefused(() -> service.register("a/b", token("a/b", KEY_A)), ErrorCode.BAD_REQUEST);
    }

    @Test
    void theEnrollmentPolicyOverridesTheHubDefault() {
        registry.create("elsewhere", Map.of(), null, 0);
        enroll("reg-1", new EnrollmentSettings(Map.of(), EnrollmentStatus.ENABLED, false, AllocationPolicy.LEAST_LOADED));

        assertThat(service.register("reg-1", token("reg-1", KEY_A)).registration().partition())
                .as("partition 0 holds a device, 1 is the emptiest").isEqualTo(1);
    }

    @Test
    void theTagPolicyPutsDevicesWithTheSameValueTogether() throws Exception {
        enrollGroup("n3", GROUP_KEY, new EnrollmentSettings(Map.of("neighbourhood", "N3"), EnrollmentStatus.ENABLED, false,
                new AllocationPolicy.ByTag("neighbourhood")));

        for (String id : new String[] {"unit-1", "unit-2", "unit-3"}) {
            assertThat(service.register(id, token(id, azureDerivedKey(GROUP_KEY, id))).registration().partition())
                    .isEqualTo(Math.floorMod("N3".hashCode(), PARTITIONS));
        }
    }

    private static ThingbusException refusal(ThrowingCallable call) {
        try {
            call.call();
        } catch (ThingbusException e) {
            return e;
        } catch (Throwable other) {
            throw new AssertionError("expected a ThingbusException", other);
        }
        throw new AssertionError("expected a refusal");
    }
}
