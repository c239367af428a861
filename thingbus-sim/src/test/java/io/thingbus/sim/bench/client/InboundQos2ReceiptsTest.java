package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboundQos2ReceiptsTest {

    @Test
    void aRedeliveryBeforePubRelIsADuplicate() {
        InboundQos2Receipts receipts = new InboundQos2Receipts();

        assertThat(receipts.firstReceipt(9)).isTrue();
        assertThat(receipts.firstReceipt(9)).isFalse();
        receipts.released(9);
        assertThat(receipts.firstReceipt(9)).as("the id may carry a new message after PUBREL").isTrue();
    }
}
