package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.testing.TopicPrefixPolicy;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientCredentials;
import io.thingbus.registry.auth.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MQTT 5 enhanced authentication with method SAS (section 4.12): the token as Authentication Data at
 * CONNECT, and re-authentication with AUTH 0x19 (section 4.12.1), which renews the ACL and expiry.
 */
class SasReauthenticationTest {

    /**
     * A token "DEVICE:PREFIX:SECONDS" is device DEVICE (a registering device when DEVICE starts with
     * "reg-"), allowed PREFIX and below, for SECONDS from now; anything else is refused.
     */
    private final List<ClientCredentials> seen = new ArrayList<>();
    private EmbeddedBroker broker = new EmbeddedBroker(credentials -> {
        seen.add(credentials);
        String[] token = credentials.password() == null ? new String[0]
                : new String(credentials.password(), StandardCharsets.UTF_8).split(":");
        if (token.length != 3) {
            return new AuthenticationResult.Refused(ErrorCode.BAD_CREDENTIALS, "not a token");
        }
        Instant expires = this.broker.clock.instant().plusSeconds(Long.parseLong(token[2]));
        ClientIdentity identity = token[0].startsWith("reg-")
                ? new ClientIdentity(ClientIdentity.Kind.PROVISIONING, token[0]) : ClientIdentity.device(token[0]);
        return new AuthenticationResult.Accepted(identity, new TopicPrefixPolicy(token[1]), expires);
    });

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private static MqttProperties sas(String token) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SAS"));
        if (token != null) {
            properties.add(new MqttProperties.BinaryProperty(MqttProperties.AUTHENTICATION_DATA,
                    token.getBytes(StandardCharsets.UTF_8)));
        }
        return properties;
    }

    private static MqttMessage reauthenticate(MqttProperties properties) {
        return MqttMessageBuilders.auth().reasonCode((byte) 0x19).properties(properties).build();
    }

    private EmbeddedClient connectedWith(String token) {
        EmbeddedClient client = broker.newClient();
        MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_5, "d1").keepAlive(0)
                .properties(sas(token)).build());
        assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isZero();
        assertThat(connAck.variableHeader().properties().getProperty(MqttProperties.AUTHENTICATION_METHOD).value())
                .as("CONNACK names the method").isEqualTo("SAS");
        return client;
    }

    @Test
    void theTokenComesAsAuthenticationData() {
        EmbeddedClient client = connectedWith("d1:devices/d1:60");

        assertThat(new String(seen.getFirst().password(), StandardCharsets.UTF_8)).isEqualTo("d1:devices/d1:60");
        assertThat(client.connection().client().identity()).isEqualTo(ClientIdentity.device("d1"));
    }

    @Test
    void aRegisteringDeviceKeepsItsLatestTokenForItsRegistrationAndADeviceKeepsNone() {
        EmbeddedClient registering = connectedWith("reg-1:$dps:60");
        assertThat(registering.connection().registrationProof()).isEqualTo("reg-1:$dps:60");

        registering.send(reauthenticate(sas("reg-1:$dps:600")));
        registering.expect(MqttMessageType.AUTH);

        assertThat(registering.connection().registrationProof()).isEqualTo("reg-1:$dps:600");
        assertThat(connectedWith("d1:devices/d1:60").connection().registrationProof()).isNull();
    }

    @Test
    void aBadTokenIsRefusedLikeABadPassword() {
        MqttConnAckMessage connAck = broker.newClient().connect(connectPacket(MqttVersion.MQTT_5, "d1")
                .properties(sas("garbage")).build());

        assertThat(connAck.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(0x86);
    }

    @Test
    void anotherMethodIsABadAuthenticationMethod() {
        MqttProperties scram = new MqttProperties();
        scram.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-1"));

        MqttConnAckMessage connAck = broker.newClient().connect(connectPacket(MqttVersion.MQTT_5, "d1").properties(scram).build());

        assertThat(connAck.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(0x8C);
        assertThat(seen).as("never asked").isEmpty();
    }

    @Test
    void reauthenticationRenewsTheExpiryAndTheAcl() {
        EmbeddedClient client = connectedWith("d1:devices/d1:60");
        broker.keepAlive.start();
        broker.timer.advance(Duration.ofSeconds(50));

        client.send(reauthenticate(sas("d1:devices:600")));

        MqttMessage auth = client.expect(MqttMessageType.AUTH);
        MqttReasonCodeAndPropertiesVariableHeader header = (MqttReasonCodeAndPropertiesVariableHeader) auth.variableHeader();
        assertThat(header.reasonCode()).as("success").isZero();
        assertThat(header.properties().getProperty(MqttProperties.AUTHENTICATION_METHOD).value()).isEqualTo("SAS");
        assertThat(seen.get(1).clientId()).as("presented as at CONNECT").isEqualTo("d1");
        broker.timer.advance(Duration.ofSeconds(60));
        assertThat(client.isOpen()).as("past the first token's expiry").isTrue();
        client.publish("devices/d2/x", MqttQoS.AT_LEAST_ONCE, 1, "allowed by the new ACL");
        assertThat(client.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0);

        broker.timer.advance(Duration.ofSeconds(600));
        assertThat(client.expectDisconnect()).as("the new token expired").isEqualTo(0x87);
    }

    @Test
    void aRefusedReauthenticationDisconnectsNotAuthorized() {
        EmbeddedClient client = connectedWith("d1:devices/d1:60");

        client.send(reauthenticate(sas("expired or forged")));

        assertThat(client.expectDisconnect()).isEqualTo(0x87);
        assertThat(client.connection().closeReason()).startsWith("not authorized: re-authentication refused");
    }

    @Test
    void reauthenticatingAsAnotherIdentityDisconnectsNotAuthorized() {
        EmbeddedClient client = connectedWith("d1:devices/d1:60");

        client.send(reauthenticate(sas("d2:devices/d2:60")));

        assertThat(client.expectDisconnect()).isEqualTo(0x87);
    }

    @Test
    void reauthenticationWithAnotherMethodIsAProtocolError() {
        EmbeddedClient client = connectedWith("d1:devices/d1:60");
        MqttProperties other = new MqttProperties();
        other.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-1"));

        client.send(reauthenticate(other));

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
    }

    @Test
    void authWithAnotherReasonIsAProtocolError() {
        EmbeddedClient client = connectedWith("d1:devices/d1:60");

        client.send(MqttMessageBuilders.auth().reasonCode((byte) 0x18).properties(sas("d1:devices/d1:60")).build());

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
    }

    @Test
    void aClientThatConnectedWithAPasswordCannotReauthenticate() {
        EmbeddedClient client = broker.newClient();
        client.connect(connectPacket(MqttVersion.MQTT_5, "d1").username("u")
                .password("d1:devices/d1:60".getBytes(StandardCharsets.UTF_8)).build());

        client.send(reauthenticate(sas("d1:devices/d1:600")));

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
    }
}
