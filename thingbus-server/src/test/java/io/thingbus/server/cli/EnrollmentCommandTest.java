package io.thingbus.server.cli;

import static io.thingbus.server.cli.CliHub.block;
import static io.thingbus.server.cli.CliHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.server.cli.CliHub.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thingbus enrollment ...} and {@code thingbus registration ...} in-process against a whole hub on port 0. */
class EnrollmentCommandTest {

    /** Two keys of 32 bytes, as an operator's factory would make them. */
    private static final String KEY_1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String KEY_2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @TempDir
    Path dataDir;

    private CliHub hub;

    @BeforeEach
    void start() throws InterruptedException {
        hub = CliHub.start(dataDir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void createIndividualPrintsTheEnrollmentWithItsKeys() {
        Run created = hub.command("enrollment", "create-individual", "sensor-1", "--device-id", "dev-s1", "--parent", "gw-1",
                "--tag", "room=A-1", "--tag", "floor=2", "--allow-reprovisioning", "--allocation-policy", "least-loaded");

        assertThat(created.exitCode()).as(created.err()).isZero();
        Map<String, String> block = block(created.out());
        assertThat(block).containsEntry("registrationId", "sensor-1").containsEntry("deviceId", "dev-s1")
                .containsEntry("parentId", "gw-1").containsEntry("status", "enabled")
                .containsEntry("allowReprovisioning", "true").containsEntry("allocationPolicy", "least-loaded")
                .containsEntry("tags", "floor=2, room=A-1").containsKeys("created", "updated").doesNotContainKey("groupId");
        assertThat(Base64.getDecoder().decode(block.get("primaryKey"))).as("made by the hub").hasSize(32);
        assertThat(block.get("secondaryKey")).isNotEqualTo(block.get("primaryKey"));
        assertThat(created.out()).as("values aligned after the longest key").contains("registrationId:      sensor-1\n");

        JsonNode asJson = json(hub.command("enrollment", "create-individual", "sensor-2", "--primary-key", KEY_1,
                "--secondary-key", KEY_2, "--json").out());
        assertThat(asJson.get("primaryKey").asText()).isEqualTo(KEY_1);
        assertThat(asJson.get("secondaryKey").asText()).isEqualTo(KEY_2);
        assertThat(asJson.get("allowReprovisioning").asBoolean()).isFalse();
        assertThat(asJson.has("allocationPolicy")).as("the hub's default").isFalse();
        assertThat(block(hub.command("enrollment", "show", "sensor-2").out())).containsEntry("allocationPolicy", "default");
    }

    @Test
    void aGroupMemberRegistersWithTheDerivedKeyAndItsRegistrationCanBeShownAndForgotten() throws Exception {
        Run created = hub.command("enrollment", "create-group", "badges", "--primary-key", KEY_1, "--secondary-key", KEY_2,
                "--tag", "kind=badge");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(block(created.out())).containsEntry("groupId", "badges").containsEntry("primaryKey", KEY_1)
                .containsEntry("tags", "kind=badge").doesNotContainKeys("registrationId", "deviceId");

        Run derived = hub.command("enrollment", "derive-key", "badges", "badge-0042");
        assertThat(derived.exitCode()).as(derived.err()).isZero();
        assertThat(derived.out()).as("the key alone, for $(...)").isEqualTo(hmac(KEY_1, "badge-0042") + "\n");
        assertThat(hub.command("enrollment", "derive-key", "badges", "badge-0042", "--key", "secondary").out().strip())
                .isEqualTo(hmac(KEY_2, "badge-0042"));
        JsonNode both = json(hub.command("enrollment", "derive-key", "badges", "badge-0042", "--json").out());
        assertThat(both.get("registrationId").asText()).isEqualTo("badge-0042");
        assertThat(both.get("primaryKey").asText()).isEqualTo(hmac(KEY_1, "badge-0042"));
        assertThat(both.get("secondaryKey").asText()).isEqualTo(hmac(KEY_2, "badge-0042"));

        assertThat(register("badge-0042", derived.out().strip()).statusCode()).as("the hub takes the derived key")
                .isEqualTo(200);

        Run shown = hub.command("registration", "show", "badge-0042");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(block(shown.out())).containsEntry("registrationId", "badge-0042").containsEntry("deviceId", "badge-0042")
                .containsEntry("status", "assigned").containsEntry("substatus", "initialAssignment")
                .containsEntry("enrollment", "group badges").containsEntry("assignments", "1")
                .containsKeys("partition", "created", "updated");
        assertThat(json(hub.command("registration", "show", "badge-0042", "--json").out()).at("/enrollment/id").asText())
                .isEqualTo("badges");

        assertThat(hub.command("registration", "delete", "badge-0042").out()).isEqualTo("deleted registration badge-0042\n");
        Run gone = hub.command("registration", "show", "badge-0042");
        assertThat(gone.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
        assertThat(gone.err()).startsWith("error: not found: ");
        assertThat(register("badge-0042", derived.out().strip()).statusCode()).as("forgotten: it may register once more")
                .isEqualTo(200);
    }

    @Test
    void listPrintsBothKindsInOneTableAndFiltersByKind() {
        hub.command("enrollment", "create-individual", "sensor-b", "--parent", "gw-1");
        hub.command("enrollment", "create-individual", "sensor-a", "--tag", "room=A-1", "--allow-reprovisioning");
        hub.command("enrollment", "create-group", "badges", "--allocation-policy", "tag:room");

        Run list = hub.command("enrollment", "list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(4);
        assertThat(list.out().lines().findFirst().orElseThrow())
                .matches("KIND +ID +DEVICE ID +PARENT +STATUS +REPROVISIONING +ALLOCATION +TAGS");
        assertThat(list.out()).containsPattern("\nindividual +sensor-a +sensor-a +- +enabled +allowed +default +room=A-1\n"
                + "individual +sensor-b +sensor-b +gw-1 +enabled +no +default +-\n"
                + "group +badges +- +- +enabled +no +tag:room +-\n");
        assertThat(list.out()).as("keys are for show").doesNotContain("Key");

        Run groups = hub.command("enrollment", "list", "--kind", "group");
        assertThat(groups.out().lines().skip(1).toList()).singleElement().asString().startsWith("group ");
        JsonNode individuals = json(hub.command("enrollment", "list", "--kind", "individual", "--json").out());
        assertThat(individuals.get("items")).extracting(item -> item.get("registrationId").asText())
                .containsExactly("sensor-a", "sensor-b");
        assertThat(json(hub.command("enrollment", "list", "--json").out()).get("items")).hasSize(3);
        assertThat(hub.command("enrollment", "list", "--kind", "groups").exitCode()).isEqualTo(2);
    }

    @Test
    void listReadsEveryPageOfIndividualEnrollments() {
        IntStream.range(0, 1001).parallel().forEach(i -> hub.api("POST", "/api/v1/enrollments/individual",
                "{\"registrationId\": \"s-" + String.format("%04d", i) + "\"}"));

        JsonNode all = json(hub.command("enrollment", "list", "--kind", "individual", "--json").out());

        assertThat(all.get("items")).hasSize(1001);
        assertThat(all.get("items").get(1000).get("registrationId").asText()).isEqualTo("s-1000");
    }

    @Test
    void disableEnableAndDeleteEitherKind() {
        hub.command("enrollment", "create-individual", "sensor-1");
        hub.command("enrollment", "create-group", "badges");

        assertThat(hub.command("enrollment", "disable", "sensor-1").out()).isEqualTo("sensor-1: disabled\n");
        assertThat(json(hub.command("enrollment", "show", "sensor-1", "--json").out()).get("status").asText())
                .isEqualTo("disabled");
        assertThat(hub.command("enrollment", "disable", "badges", "--group").out()).isEqualTo("group badges: disabled\n");
        assertThat(json(hub.command("enrollment", "enable", "badges", "--group", "--json").out()).get("status").asText())
                .isEqualTo("enabled");
        assertThat(block(hub.command("enrollment", "show", "badges", "--group").out())).containsEntry("status", "enabled");

        assertThat(hub.command("enrollment", "delete", "sensor-1").out()).isEqualTo("deleted sensor-1\n");
        assertThat(hub.command("enrollment", "delete", "badges", "--group", "--json").out()).isEmpty();
        assertThat(hub.command("enrollment", "show", "badges", "--group").exitCode())
                .isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
    }

    @Test
    void anUnknownEnrollmentOrRegistrationIsNotFound() {
        hub.command("enrollment", "create-individual", "badges");

        Run show = hub.command("enrollment", "show", "sensor-9");
        assertThat(show.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.cliExitCode()).isEqualTo(36);
        assertThat(show.err()).startsWith("error: not found: ").contains("sensor-9");
        assertThat(show.out()).isEmpty();
        assertThat(hub.command("enrollment", "show", "badges", "--group").exitCode())
                .as("an individual enrollment is not a group").isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
        assertThat(hub.command("enrollment", "disable", "sensor-9").exitCode()).isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
        assertThat(hub.command("enrollment", "delete", "sensor-9", "--group").exitCode())
                .isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
        assertThat(hub.command("enrollment", "derive-key", "nobody", "badge-1").exitCode())
                .isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
        assertThat(hub.command("registration", "delete", "sensor-9").exitCode()).isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
    }

    @Test
    void aReaderSeesNoKeysAndMayChangeNothing() {
        hub.command("enrollment", "create-group", "badges");
        hub.environment.put("THINGBUS_TOKEN", hub.token("reader"));

        Run shown = hub.command("enrollment", "show", "badges", "--group");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(block(shown.out())).containsEntry("groupId", "badges").doesNotContainKeys("primaryKey", "secondaryKey");

        Run refused = hub.command("enrollment", "create-individual", "sensor-1");
        assertThat(refused.exitCode()).isEqualTo(ErrorCode.NOT_AUTHORIZED.cliExitCode()).isEqualTo(17);
        assertThat(refused.err()).startsWith("error: not authorized: role reader may not do this");
        assertThat(hub.command("enrollment", "disable", "badges", "--group").exitCode())
                .isEqualTo(ErrorCode.NOT_AUTHORIZED.cliExitCode());
        assertThat(hub.command("registration", "delete", "badge-1").exitCode())
                .isEqualTo(ErrorCode.NOT_AUTHORIZED.cliExitCode());

        Run derive = hub.command("enrollment", "derive-key", "badges", "badge-1");
        assertThat(derive.exitCode()).isEqualTo(ErrorCode.NOT_AUTHORIZED.cliExitCode());
        assertThat(derive.err()).isEqualTo("error: not authorized: the hub shows a group's keys only to an operator or"
                + " admin token\n");
        assertThat(derive.out()).isEmpty();
    }

    @Test
    void badValuesAreTheHubsToRefuseAndMissingArgumentsAreUsageErrors() {
        Run policy = hub.command("enrollment", "create-group", "badges", "--allocation-policy", "random");
        assertThat(policy.exitCode()).isEqualTo(ErrorCode.BAD_REQUEST.cliExitCode());
        assertThat(policy.err()).startsWith("error: bad request: ");
        Run oneKey = hub.command("enrollment", "create-individual", "sensor-1", "--primary-key", KEY_1);
        assertThat(oneKey.exitCode()).isEqualTo(ErrorCode.BAD_REQUEST.cliExitCode());
        assertThat(oneKey.err()).contains("both").doesNotContain(KEY_1);
        hub.command("enrollment", "create-individual", "sensor-1");
        assertThat(hub.command("enrollment", "create-individual", "sensor-1").exitCode())
                .isEqualTo(ErrorCode.CONFLICT.cliExitCode());

        assertThat(hub.command("enrollment", "create-individual").exitCode()).isEqualTo(2);
        assertThat(hub.command("enrollment", "create-group", "g", "--tag", "novalue").exitCode()).isEqualTo(2);
        assertThat(hub.command("enrollment", "derive-key", "badges").exitCode()).isEqualTo(2);
        assertThat(hub.command("enrollment", "derive-key", "badges", "b-1", "--key", "tertiary").exitCode()).isEqualTo(2);
        assertThat(hub.run("enrollment", "frobnicate").exitCode()).isEqualTo(2);
        assertThat(hub.run("registration").out()).as("usage").contains("show", "delete");
    }

    /** A device registering itself, with a SAS token signed by {@code key}. */
    private HttpResponse<String> register(String registrationId, String key) throws Exception {
        String token = SasToken.sign("scope/registrations/" + registrationId, key, Instant.now().plusSeconds(600));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(hubUrl() + "/api/v1/provisioning/" + registrationId
                            + "/register")).timeout(Duration.ofSeconds(10)).header("Authorization", token)
                    .POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        }
    }

    private String hubUrl() {
        return "http://127.0.0.1:" + hub.httpPort();
    }

    /** base64(HMAC-SHA256(base64decode(key), text)), computed here rather than by the hub's code. */
    private static String hmac(String base64Key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
