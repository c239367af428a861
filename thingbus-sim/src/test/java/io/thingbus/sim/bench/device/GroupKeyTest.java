package io.thingbus.sim.bench.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.thingbus.registry.provisioning.EnrollmentKeys;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GroupKeyTest {

    static final String GROUP_KEY = Base64.getEncoder().encodeToString("bench group key, 32 bytes long!!".getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void derivesEachMembersKeyAsTheHubsGroupEnrollmentsDo() {
        GroupKey groupKey = new GroupKey(GROUP_KEY);
        EnrollmentKeys hubSide = new EnrollmentKeys(GROUP_KEY, OTHER_KEY);

        assertThat(groupKey.deviceKey("bench-c-0")).isEqualTo(hubSide.deriveFor("bench-c-0").primaryKey());
        assertThat(groupKey.deviceKey("bench-c-1")).isEqualTo(hubSide.deriveFor("bench-c-1").primaryKey())
                .isNotEqualTo(groupKey.deviceKey("bench-c-0"));
    }

    @Test
    void refusesWhatTheHubWouldRefuseAsAKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GroupKey("not base64!"))
                .withMessageContaining("must be base64");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GroupKey(Base64.getEncoder().encodeToString(new byte[15])))
                .withMessageContaining("16 to 64 bytes, was 15");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GroupKey(Base64.getEncoder().encodeToString(new byte[65])));
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(new GroupKey(GROUP_KEY).toString()).doesNotContain(GROUP_KEY).contains("hidden");
    }
}
