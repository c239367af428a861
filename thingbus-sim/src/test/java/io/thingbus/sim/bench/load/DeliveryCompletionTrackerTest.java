package io.thingbus.sim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryCompletionTrackerTest {

    @Test
    void onlyTheDeliveryThatCompletesAMessageSaysSo() {
        DeliveryCompletionTracker tracker = new DeliveryCompletionTracker(8, 3);
        tracker.expect(0);

        assertThat(tracker.delivered(0)).isFalse();
        assertThat(tracker.delivered(0)).isFalse();
        assertThat(tracker.delivered(0)).isTrue();
        assertThat(tracker.delivered(0)).as("a fourth delivery is not another completion").isFalse();
    }

    @Test
    void messagesAreCountedSeparately() {
        DeliveryCompletionTracker tracker = new DeliveryCompletionTracker(8, 2);
        tracker.expect(1);
        tracker.expect(2);

        assertThat(tracker.delivered(1)).isFalse();
        assertThat(tracker.delivered(2)).isFalse();
        assertThat(tracker.delivered(2)).isTrue();
        assertThat(tracker.delivered(1)).isTrue();
    }

    @Test
    void aMessageThatLeftTheRingIsNotTracked() {
        DeliveryCompletionTracker tracker = new DeliveryCompletionTracker(4, 1);
        tracker.expect(1);
        tracker.expect(5); // same slot in a ring of four

        assertThat(tracker.delivered(1)).isFalse();
        assertThat(tracker.delivered(5)).isTrue();
    }

    @Test
    void unexpectedMessagesAreIgnored() {
        DeliveryCompletionTracker tracker = new DeliveryCompletionTracker(16, 1);

        assertThat(tracker.delivered(3)).isFalse();
    }

    @Test
    void capacityAndSubscribersMustBePositive() {
        assertThatThrownBy(() -> new DeliveryCompletionTracker(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryCompletionTracker(8, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
