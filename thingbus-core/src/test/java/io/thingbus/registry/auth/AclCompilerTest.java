package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.messaging.TopicFilter;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.PartitionAllocator;
import io.thingbus.registry.Role;
import io.thingbus.testing.ManualClock;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclCompilerTest {

    private final InMemoryDeviceStore store = new InMemoryDeviceStore();
    private final DeviceRegistry registry = new DeviceRegistry(store, PartitionAllocator.byIdHash(4), new ManualClock(),
            new SecureRandom());
    private final GatewayChildren gateways = GatewayChildren.load(store);

    AclCompilerTest() {
        registry.addListener(gateways);
    }

    @Test
    void aDeviceMayUseItsOwnDeviceTopicsOnly() {
        AccessPolicy acl = compiler(AclRules.NONE).forDevice(device("d1", Map.of()));

        assertThat(acl.mayPublish("devices/d1/messages/events/")).isTrue();
        assertThat(acl.mayPublish("devices/d1/messages/events/temp=21&%24.ct=application%2Fjson")).isTrue();
        assertThat(acl.mayPublish("devices/d1/messages/events")).isTrue();
        assertThat(acl.mayPublish("$iothub/twin/GET/?$rid=1")).isTrue();
        assertThat(acl.mayPublish("$iothub/twin/PATCH/properties/reported/?$rid=2&$version=3")).isTrue();
        assertThat(acl.mayPublish("$iothub/methods/res/200/?$rid=7")).isTrue();

        assertThat(acl.mayPublish("devices/d2/messages/events/")).as("another device").isFalse();
        assertThat(acl.mayPublish("devices/d1x/messages/events/")).isFalse();
        assertThat(acl.mayPublish("devices/d1/messages/eventsx")).isFalse();
        assertThat(acl.mayPublish("devices/d1/messages/devicebound/x")).as("its own commands").isFalse();
        assertThat(acl.mayPublish("$iothub/methods/res/ok/?$rid=7")).isFalse();
        assertThat(acl.mayPublish("$iothub/methods/POST/reboot/?$rid=1")).isFalse();
        assertThat(acl.mayPublish("$iothub/twin/PATCH/properties/desired/?$version=2")).isFalse();
        assertThat(acl.mayPublish("sensors/temp")).isFalse();

        assertThat(acl.maySubscribe(filter("devices/d1/messages/devicebound/#"))).isTrue();
        assertThat(acl.maySubscribe(filter("devices/d1/messages/devicebound/+/x"))).isTrue();
        assertThat(acl.maySubscribe(filter("$iothub/methods/POST/#"))).isTrue();
        assertThat(acl.maySubscribe(filter("$iothub/twin/res/#"))).isTrue();
        assertThat(acl.maySubscribe(filter("$iothub/twin/PATCH/properties/desired/#"))).isTrue();

        assertThat(acl.maySubscribe(filter("devices/+/messages/devicebound/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("devices/d2/messages/devicebound/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("devices/d1/messages/events/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("devices/d1/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("$iothub/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("#"))).isFalse();
    }

    @Test
    void aGatewayActsForEveryChildIncludingOnesAddedAfterItConnected() {
        registry.create("gw", Map.of(), null, -1);
        registry.create("badge-1", Map.of(), "gw", -1);
        registry.create("stranger", Map.of(), null, -1);
        AccessPolicy acl = compiler(AclRules.NONE).forDevice(device("gw", Map.of()));

        assertThat(acl.mayPublish("devices/badge-1/messages/events/")).isTrue();
        assertThat(acl.maySubscribe(filter("devices/badge-1/messages/devicebound/#"))).isTrue();
        assertThat(acl.mayPublish("devices/badge-2/messages/events/")).isFalse();
        assertThat(acl.mayPublish("devices/stranger/messages/events/")).isFalse();

        registry.create("badge-2", Map.of(), "gw", -1);

        assertThat(acl.mayPublish("devices/badge-2/messages/events/")).isTrue();
        assertThat(acl.maySubscribe(filter("devices/badge-2/messages/devicebound/#"))).isTrue();

        registry.setParent("badge-1", null);
        assertThat(acl.mayPublish("devices/badge-1/messages/events/")).as("no longer a child").isFalse();
    }

    @Test
    void aChildHasNoRightsOverItsGateway() {
        registry.create("gw", Map.of(), null, -1);
        registry.create("child", Map.of(), "gw", -1);

        AccessPolicy acl = compiler(AclRules.NONE).forDevice(device("child", Map.of()));

        assertThat(acl.mayPublish("devices/gw/messages/events/")).isFalse();
    }

    @Test
    void aTokenHasItsClaimsButNeverADeviceTopic() {
        AccessPolicy acl = compiler(AclRules.NONE).forToken(token("dashboard"),
                List.of("alerts/#", "devices/d1/messages/events/", "$iothub/twin/GET/#"),
                List.of("sensors/#", "devices/+/messages/events/#", "#"));

        assertThat(acl.mayPublish("alerts/fire")).isTrue();
        assertThat(acl.mayPublish("news")).isFalse();
        assertThat(acl.maySubscribe(filter("sensors/+/temp"))).isTrue();
        assertThat(acl.maySubscribe(filter("$share/g/sensors/#"))).isTrue();

        assertThat(acl.mayPublish("devices/d1/messages/events/")).isFalse();
        assertThat(acl.mayPublish("$iothub/twin/GET/?$rid=1")).isFalse();
        assertThat(acl.maySubscribe(filter("devices/+/messages/events/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("$dps/registrations/res/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("#"))).as("a wide filter is allowed...").isTrue();
        assertThat(acl.mayReceive("devices/d1/messages/events/")).as("...but never carries device topics").isFalse();
        assertThat(acl.mayReceive("sensors/a/temp")).isTrue();
    }

    @Test
    void aTokenWithAnInvalidClaimedFilterIsRefusedAtCompile() {
        assertThatThrownBy(() -> compiler(AclRules.NONE).forToken(token("t"), List.of("a/#/b"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aServiceSubscribesToAnythingAndPublishesAnywhereButDeviceTelemetry() {
        AclCompiler compiler = compiler(AclRules.NONE);
        AccessPolicy operator = compiler.forService(service("ingest"), Role.OPERATOR);
        AccessPolicy reader = compiler.forService(service("viewer"), Role.READER);

        assertThat(operator.maySubscribe(filter("$share/ingest/devices/+/messages/events/#"))).isTrue();
        assertThat(operator.maySubscribe(filter("#"))).isTrue();
        assertThat(operator.mayPublish("devices/d1/messages/devicebound/")).isTrue();
        assertThat(operator.mayPublish("alerts/all")).isTrue();
        assertThat(operator.mayPublish("devices/d1/messages/events/")).as("forged telemetry").isFalse();
        assertThat(operator.mayPublish("devices/d1/messages/events")).isFalse();

        assertThat(reader.maySubscribe(filter("devices/+/messages/events/#"))).isTrue();
        assertThat(reader.mayPublish("alerts/all")).isFalse();
    }

    @Test
    void servicesOfOneRoleShareOnePolicyAndAllowRulesAddNothingToThem() {
        AclCompiler compiler = compiler(rules("""
                {"effect": "allow", "action": "publish", "topic": "devices/+/messages/events/#", "clients": "all"},
                {"effect": "deny", "action": "publish", "topic": "hub/#", "clients": "services"}"""));

        AccessPolicy first = compiler.forService(service("a"), Role.ADMIN);
        AccessPolicy second = compiler.forService(service("b"), Role.OPERATOR);
        AccessPolicy reader = compiler.forService(service("c"), Role.READER);

        assertThat(first).isSameAs(second);
        assertThat(first.mayPublish("devices/d1/messages/events/")).isFalse();
        assertThat(first.mayPublish("hub/restart")).isFalse();
        assertThat(reader.mayPublish("devices/d1/messages/events/")).isFalse();
    }

    @Test
    void aUserHasOnlyWhatTheRulesGiveAndUsersShareRulesWithoutPlaceholders() {
        AclCompiler compiler = compiler(rules("""
                {"effect": "allow", "action": "subscribe", "topic": "sensors/#", "clients": "users"},
                {"effect": "allow", "action": "publish", "topic": "chat/#", "clients": "all"},
                {"effect": "allow", "action": "all", "topic": "devices/#", "clients": "users"}"""));

        AccessPolicy alice = compiler.forRulesOnly(user("alice"));
        AccessPolicy bob = compiler.forRulesOnly(user("bob"));

        assertThat(alice).isSameAs(bob);
        assertThat(alice.maySubscribe(filter("sensors/+/temp"))).isTrue();
        assertThat(alice.maySubscribe(filter("chat/#"))).isFalse();
        assertThat(alice.mayPublish("chat/room")).isTrue();
        assertThat(alice.mayPublish("sensors/x")).isFalse();
        assertThat(alice.maySubscribe(filter("devices/+/messages/events/#"))).as("the operator's choice for users").isTrue();
    }

    @Test
    void placeholdersTakeTheConnectionsValues() {
        AclCompiler compiler = compiler(rules("""
                {"effect": "allow", "action": "all", "topic": "users/${username}/#", "clients": "users"},
                {"effect": "allow", "action": "publish", "topic": "clients/${clientId}/status", "clients": "all"}"""));

        AccessPolicy alice = compiler.forRulesOnly(new AclSubject(new ClientIdentity(ClientIdentity.Kind.USER, "alice"),
                "phone-1", "alice", Map.of()));
        AccessPolicy bob = compiler.forRulesOnly(user("bob"));

        assertThat(alice).isNotSameAs(bob);
        assertThat(alice.mayPublish("users/alice/notes")).isTrue();
        assertThat(alice.maySubscribe(filter("users/alice/#"))).isTrue();
        assertThat(alice.mayPublish("users/bob/notes")).isFalse();
        assertThat(alice.mayPublish("clients/phone-1/status")).isTrue();
        assertThat(alice.mayPublish("clients/phone-2/status")).isFalse();
    }

    @Test
    void tagPlaceholdersApplyOnlyToDevicesThatHaveTheTag() {
        AclCompiler compiler = compiler(rules("""
                {"effect": "allow", "action": "publish", "topic": "sites/${tag:site}/${deviceId}/status", "clients": "devices"},
                {"effect": "allow", "action": "subscribe", "topic": "sites/${tag:site}/broadcast", "clients": "devices"}"""));

        AccessPolicy tagged = compiler.forDevice(device("d1", Map.of("site", "N3")));
        AccessPolicy untagged = compiler.forDevice(device("d2", Map.of()));

        assertThat(tagged.mayPublish("sites/N3/d1/status")).isTrue();
        assertThat(tagged.mayPublish("sites/N4/d1/status")).isFalse();
        assertThat(tagged.mayPublish("sites/N3/d2/status")).isFalse();
        assertThat(tagged.maySubscribe(filter("sites/N3/broadcast"))).isTrue();
        assertThat(tagged.mayPublish("devices/d1/messages/events/")).as("built-in rights remain").isTrue();
        assertThat(untagged.maySubscribe(filter("sites/+/broadcast"))).isFalse();
        assertThat(untagged.mayPublish("sites//d2/status")).isFalse();
    }

    @Test
    void denyWinsOverAllowsBuiltInRightsAndClaims() {
        AclCompiler compiler = compiler(rules("""
                {"effect": "allow", "action": "all", "topic": "#", "clients": "all"},
                {"effect": "deny", "action": "publish", "topic": "devices/${deviceId}/messages/events/alarm", "clients": "devices"},
                {"effect": "deny", "action": "all", "topic": "secret/#", "clients": "all"}"""));

        AccessPolicy device = compiler.forDevice(device("d1", Map.of()));
        AccessPolicy token = compiler.forToken(token("t"), List.of("secret/#"), List.of("secret/#"));

        assertThat(device.mayPublish("devices/d1/messages/events/")).isTrue();
        assertThat(device.mayPublish("devices/d1/messages/events/alarm")).isFalse();
        assertThat(device.mayPublish("public/x")).isTrue();
        assertThat(token.mayPublish("secret/plans")).isFalse();
        assertThat(token.maySubscribe(filter("secret/plans"))).isFalse();
    }

    @Test
    void aSubscribeDenyRefusesTheFiltersItCoversAndHidesItsTopicsFromWiderOnes() {
        AclCompiler compiler = compiler(rules("""
                {"effect": "allow", "action": "subscribe", "topic": "#", "clients": "users"},
                {"effect": "deny", "action": "subscribe", "topic": "secret/#", "clients": "all"}"""));
        AccessPolicy acl = compiler.forRulesOnly(user("alice"));

        assertThat(acl.maySubscribe(filter("secret/x"))).isFalse();
        assertThat(acl.maySubscribe(filter("secret/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("$share/g/secret/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("secret"))).as("the parent level of secret/#").isFalse();
        assertThat(acl.maySubscribe(filter("public/#"))).isTrue();
        assertThat(acl.maySubscribe(filter("+/x"))).as("wider than the denial").isTrue();
        assertThat(acl.maySubscribe(filter("#"))).isTrue();
        assertThat(acl.mayReceive("secret/x")).as("a wider filter never carries a denied topic").isFalse();
        assertThat(acl.mayReceive("secret")).isFalse();
        assertThat(acl.mayReceive("public/x")).isTrue();
        assertThat(acl.mayPublish("secret/x")).as("subscribe only").isFalse();
    }

    @Test
    void aValueThatIsNoSingleLevelCannotWidenAnAllowAndWidensADeny() {
        AclCompiler compiler = compiler(rules("""
                {"effect": "allow", "action": "all", "topic": "clients/${clientId}/#", "clients": "anonymous"},
                {"effect": "allow", "action": "all", "topic": "open/#", "clients": "anonymous"},
                {"effect": "deny", "action": "publish", "topic": "open/${clientId}/locked", "clients": "anonymous"}"""));

        AccessPolicy sneaky = compiler.forRulesOnly(anonymous("x/#"));
        AccessPolicy honest = compiler.forRulesOnly(anonymous("c1"));

        assertThat(sneaky.mayPublish("clients/x/anything")).isFalse();
        assertThat(sneaky.mayPublish("open/c1/locked")).as("deny level widened to +").isFalse();
        assertThat(sneaky.mayPublish("open/c1/free")).isTrue();
        assertThat(honest.mayPublish("clients/c1/a")).isTrue();
        assertThat(honest.mayPublish("open/c1/locked")).isFalse();
        assertThat(honest.mayPublish("open/c2/locked")).isTrue();
    }

    @Test
    void anAnonymousClientNeverReachesADeviceTopicWhateverTheRulesSay() {
        AccessPolicy acl = compiler(rules("""
                {"effect": "allow", "action": "all", "topic": "#", "clients": "anonymous"},
                {"effect": "allow", "action": "all", "topic": "$iothub/#", "clients": "anonymous"}"""))
                .forRulesOnly(anonymous("c"));

        assertThat(acl.mayPublish("lobby/hello")).isTrue();
        assertThat(acl.mayPublish("devices/d1/messages/events/")).isFalse();
        assertThat(acl.mayPublish("$iothub/twin/GET/?$rid=1")).isFalse();
        assertThat(acl.maySubscribe(filter("devices/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("$iothub/twin/res/#"))).isFalse();
        assertThat(acl.maySubscribe(filter("#"))).isTrue();
        assertThat(acl.mayReceive("devices/d1/messages/events/")).isFalse();
        assertThat(acl.mayReceive("lobby/hello")).isTrue();
        assertThat(acl.maySubscribe(filter("lobby/#"))).isTrue();
    }

    @Test
    void rulesForOtherKindsDoNotApply() {
        AclCompiler compiler = compiler(rules("""
                {"effect": "allow", "action": "all", "topic": "fleet/#", "clients": "devices"}"""));

        assertThat(compiler.forDevice(device("d1", Map.of())).mayPublish("fleet/x")).isTrue();
        assertThat(compiler.forRulesOnly(user("alice")).mayPublish("fleet/x")).isFalse();
        assertThatThrownBy(() -> compiler.forRulesOnly(device("d1", Map.of()))).isInstanceOf(IllegalArgumentException.class);
    }

    private AclCompiler compiler(AclRules rules) {
        return new AclCompiler(rules, gateways);
    }

    private static AclRules rules(String rulesJson) {
        return AclRules.parse("{\"rules\": [" + rulesJson + "]}");
    }

    private static TopicFilter filter(String raw) {
        return TopicFilter.parse(raw);
    }

    private static AclSubject device(String id, Map<String, String> tags) {
        return new AclSubject(ClientIdentity.device(id), id, "hub/" + id + "/?api-version=2021-04-12", tags);
    }

    private static AclSubject token(String subject) {
        return new AclSubject(new ClientIdentity(ClientIdentity.Kind.TOKEN, subject), subject, null, Map.of());
    }

    private static AclSubject service(String name) {
        return new AclSubject(new ClientIdentity(ClientIdentity.Kind.SERVICE, name), name, name, Map.of());
    }

    private static AclSubject user(String name) {
        return new AclSubject(new ClientIdentity(ClientIdentity.Kind.USER, name), name + "-client", name, Map.of());
    }

    private static AclSubject anonymous(String clientId) {
        return new AclSubject(new ClientIdentity(ClientIdentity.Kind.ANONYMOUS, clientId), clientId, null, Map.of());
    }
}
