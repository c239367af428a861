package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AclRulesTest {

    @Test
    void parsesEveryFieldOfEveryRule() {
        AclRules rules = AclRules.parse("""
                {"rules": [
                  {"effect": "allow", "action": "publish", "topic": "sites/${tag:site}/${deviceId}/#", "clients": "devices"},
                  {"effect": "deny", "action": "all", "topic": "secret/#", "clients": "all"},
                  {"effect": "allow", "action": "subscribe", "topic": "users/${username}/+", "clients": "users"}
                ]}""");

        assertThat(rules.rules()).containsExactly(
                new AclRule(AclRule.Effect.ALLOW, AclRule.Action.PUBLISH, "sites/${tag:site}/${deviceId}/#",
                        AclRule.Clients.DEVICES),
                new AclRule(AclRule.Effect.DENY, AclRule.Action.ALL, "secret/#", AclRule.Clients.ALL),
                new AclRule(AclRule.Effect.ALLOW, AclRule.Action.SUBSCRIBE, "users/${username}/+", AclRule.Clients.USERS));
    }

    @Test
    void namesTheRuleAndFieldAtFault() {
        assertThatThrownBy(() -> AclRules.parse("""
                {"rules": [
                  {"effect": "allow", "action": "publish", "topic": "a", "clients": "all"},
                  {"effect": "permit", "action": "publish", "topic": "a", "clients": "all"}
                ]}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ACL rule 2: 'effect' must be one of allow, deny, was 'permit'");
        assertThatThrownBy(() -> AclRules.parse("{\"rules\": [{\"effect\": \"deny\", \"action\": \"publish\", \"clients\": \"all\"}]}"))
                .hasMessage("ACL rule 1: 'topic' is required and must be a string");
        assertThatThrownBy(() -> AclRules.parse(
                "{\"rules\": [{\"effect\": \"deny\", \"action\": \"read\", \"topic\": \"a\", \"clients\": \"all\"}]}"))
                .hasMessageContaining("'action' must be one of publish, subscribe, all");
        assertThatThrownBy(() -> AclRules.parse(
                "{\"rules\": [{\"effect\": \"deny\", \"action\": \"all\", \"topic\": \"a\", \"clients\": \"robots\"}]}"))
                .hasMessageContaining("'clients' must be one of devices, users, tokens, anonymous, services, all");
    }

    @Test
    void refusesUnknownFieldsSoATypoCannotWeakenARule() {
        assertThatThrownBy(() -> AclRules.parse(
                "{\"rules\": [{\"effect\": \"deny\", \"action\": \"all\", \"topics\": \"a\", \"clients\": \"all\"}]}"))
                .hasMessageContaining("ACL rule 1: unknown field 'topics'");
        assertThatThrownBy(() -> AclRules.parse("{\"rules\": [], \"defaults\": \"deny\"}"))
                .hasMessageContaining("unknown field 'defaults'");
    }

    @Test
    void refusesBadTopicsAndPlaceholders() {
        assertThatThrownBy(() -> AclRules.parse(
                "{\"rules\": [{\"effect\": \"allow\", \"action\": \"all\", \"topic\": \"a/#/b\", \"clients\": \"all\"}]}"))
                .hasMessageContaining("ACL rule 1: topic 'a/#/b' is not a valid MQTT topic filter");
        assertThatThrownBy(() -> AclRules.parse(
                "{\"rules\": [{\"effect\": \"allow\", \"action\": \"all\", \"topic\": \"a/${device}\", \"clients\": \"all\"}]}"))
                .hasMessageContaining("unknown placeholder '${device}'");
        assertThatThrownBy(() -> AclRules.parse(
                "{\"rules\": [{\"effect\": \"allow\", \"action\": \"all\", \"topic\": \"a/${deviceId\", \"clients\": \"all\"}]}"))
                .hasMessageContaining("unclosed placeholder");
        assertThatThrownBy(() -> AclRules.parse(
                "{\"rules\": [{\"effect\": \"allow\", \"action\": \"all\", \"topic\": \"a/+${deviceId}\", \"clients\": \"all\"}]}"))
                .hasMessageContaining("not a valid MQTT topic filter");
    }

    @Test
    void refusesWhatIsNotARuleFile() {
        assertThatThrownBy(() -> AclRules.parse("[1, 2")).hasMessageStartingWith("ACL rules are not valid JSON");
        assertThatThrownBy(() -> AclRules.parse("[]")).hasMessageContaining("a JSON object with a \"rules\" array");
        assertThatThrownBy(() -> AclRules.parse("{\"rules\": [\"allow all\"]}"))
                .hasMessageContaining("ACL rule 1: must be an object");
    }
}
