package io.thingbus.http;

import static io.thingbus.http.ApiHarness.assertProblem;
import static io.thingbus.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.registry.Device;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.auth.SasToken;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys, X.509 thumbprints and SAS tokens of a device through the API. */
class DeviceCredentialsApiTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.250Z");
    private static final String THUMBPRINT = "ab".repeat(32);

    private ApiHarness api;
    private Device device;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiHarness(HttpServerConfig.defaults(), new InMemoryDeviceStore(), Clock.fixed(NOW, ZoneOffset.UTC));
        device = api.registry.create("dev-1", Map.of(), null, -1);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void regeneratingOneKeyKeepsTheOther() throws Exception {
        JsonNode renewed = json(api.send("POST", "/api/v1/devices/dev-1/keys/regenerate", api.operator,
                "{\"key\": \"secondary\"}"));

        assertThat(renewed.get("primaryKey").asText()).isEqualTo(device.credentials().primaryKey());
        assertThat(renewed.get("secondaryKey").asText()).isNotEqualTo(device.credentials().secondaryKey())
                .isEqualTo(api.registry.require("dev-1").credentials().secondaryKey());

        JsonNode primary = json(api.send("POST", "/api/v1/devices/dev-1/keys/regenerate", api.operator,
                "{\"key\": \"primary\"}"));
        assertThat(primary.get("primaryKey").asText()).isNotEqualTo(device.credentials().primaryKey());
        assertThat(primary.get("connectionString").asText()).endsWith("SharedAccessKey=" + primary.get("primaryKey").asText());
    }

    @Test
    void regenerateRefusesBadBodiesAndUnknownDevices() throws Exception {
        assertProblem(regenerate("dev-1", "{\"key\": \"tertiary\"}"), 400, "BAD_REQUEST");
        assertProblem(regenerate("dev-1", "{}"), 400, "BAD_REQUEST");
        assertProblem(regenerate("dev-1", "{\"key\": \"primary\", \"force\": true}"), 400, "BAD_REQUEST");
        assertProblem(regenerate("ghost", "{\"key\": \"primary\"}"), 404, "NOT_FOUND");
        assertProblem(api.send("POST", "/api/v1/devices/dev-1/keys/regenerate", api.reader, "{\"key\": \"primary\"}"),
                403, "NOT_AUTHORIZED");
        assertThat(api.registry.require("dev-1").credentials()).isEqualTo(device.credentials());
    }

    @Test
    void thumbprintsAreStoredUpperCaseShownToReadersAndCleared() throws Exception {
        JsonNode set = json(api.send("PUT", "/api/v1/devices/dev-1/x509", api.operator,
                "{\"primaryThumbprint\": \"" + THUMBPRINT + "\"}"));

        assertThat(set.at("/x509Thumbprints/primary").asText()).isEqualTo(THUMBPRINT.toUpperCase());
        assertThat(set.at("/x509Thumbprints/secondary").isNull()).isTrue();
        assertThat(api.registry.require("dev-1").credentials().primaryThumbprint()).isEqualTo(THUMBPRINT.toUpperCase());
        assertThat(json(api.get("/api/v1/devices/dev-1", api.reader)).at("/x509Thumbprints/primary").asText())
                .isEqualTo(THUMBPRINT.toUpperCase());

        JsonNode cleared = json(api.send("PUT", "/api/v1/devices/dev-1/x509", api.operator,
                "{\"primaryThumbprint\": null, \"secondaryThumbprint\": null}"));
        assertThat(cleared.has("x509Thumbprints")).isFalse();
    }

    @Test
    void thumbprintsMustBe64HexDigits() throws Exception {
        for (String bad : new String[] {"ab".repeat(31), "ab".repeat(33), "zz".repeat(32), "AB:".repeat(21) + "A"}) {
            assertProblem(api.send("PUT", "/api/v1/devices/dev-1/x509", api.operator,
                    "{\"primaryThumbprint\": \"" + bad + "\"}"), 400, "BAD_REQUEST");
        }
        assertProblem(api.send("PUT", "/api/v1/devices/dev-1/x509", api.operator, "{\"thumbprint\": \"x\"}"), 400,
                "BAD_REQUEST");
        assertThat(api.registry.require("dev-1").credentials().primaryThumbprint()).isNull();
    }

    @Test
    void mintedTokenIsSignedWithThePrimaryKeyForTheHubsResource() throws Exception {
        JsonNode minted = json(api.send("POST", "/api/v1/devices/dev-1/token", api.operator, null));

        assertThat(minted.get("deviceId").asText()).isEqualTo("dev-1");
        SasToken token = SasToken.parse(minted.get("token").asText());
        assertThat(token.isSignedWith(device.credentials().primaryKey())).isTrue();
        assertThat(token.isSignedWith(device.credentials().secondaryKey())).isFalse();
        assertThat(token.resource()).isEqualTo("hub.example.org/devices/dev-1");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-11-21T11:15:30Z"));
        assertThat(minted.get("expires").asText()).isEqualTo("2026-11-21T11:15:30Z");
    }

    @Test
    void tokenWithTheSecondaryKeyAndALifetime() throws Exception {
        JsonNode minted = json(api.send("POST", "/api/v1/devices/dev-1/token", api.admin,
                "{\"key\": \"secondary\", \"expiresInSeconds\": 86400}"));

        SasToken token = SasToken.parse(minted.get("token").asText());
        assertThat(token.isSignedWith(device.credentials().secondaryKey())).isTrue();
        assertThat(token.isSignedWith(device.credentials().primaryKey())).isFalse();
        assertThat(minted.get("expires").asText()).isEqualTo("2026-11-22T10:15:30Z");
    }

    @Test
    void tokenLifetimeIsFromOneSecondToOneYear() throws Exception {
        assertThat(api.send("POST", "/api/v1/devices/dev-1/token", api.operator, "{\"expiresInSeconds\": 31536000}")
                .statusCode()).isEqualTo(200);
        for (String bad : new String[] {"0", "31536001", "-5", "1.5", "\"3600\""}) {
            assertProblem(api.send("POST", "/api/v1/devices/dev-1/token", api.operator,
                    "{\"expiresInSeconds\": " + bad + "}"), 400, "BAD_REQUEST");
        }
        assertProblem(api.send("POST", "/api/v1/devices/dev-1/token", api.operator, "{\"key\": \"other\"}"), 400,
                "BAD_REQUEST");
        assertProblem(api.send("POST", "/api/v1/devices/ghost/token", api.operator, null), 404, "NOT_FOUND");
    }

    private java.net.http.HttpResponse<String> regenerate(String id, String body) throws Exception {
        return api.send("POST", "/api/v1/devices/" + id + "/keys/regenerate", api.operator, body);
    }
}
