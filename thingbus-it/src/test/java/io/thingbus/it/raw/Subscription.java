package io.thingbus.it.raw;

/**
 * One topic filter and its Subscription Options in a SUBSCRIBE payload (3.1.1 section 3.8.3, 5.0 section 3.8.3.1).
 *
 * @param retainHandling 0 = send retained messages at subscribe, 1 = only if the subscription is new, 2 = never
 */
public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {

    public static Subscription of(String filter, int qos) {
        return new Subscription(filter, qos, false, false, 0);
    }

    public Subscription withNoLocal(boolean value) {
        return new Subscription(filter, qos, value, retainAsPublished, retainHandling);
    }

    public Subscription withRetainAsPublished(boolean value) {
        return new Subscription(filter, qos, noLocal, value, retainHandling);
    }

    public Subscription withRetainHandling(int value) {
        return new Subscription(filter, qos, noLocal, retainAsPublished, value);
    }

    /** The options byte: in 3.1.1 only bits 1-0 (Requested QoS) exist, the rest are reserved and 0. */
    int optionsByte(int protocolLevel) {
        if (protocolLevel != Connect.V5) {
            return qos & 0x03;
        }
        return (retainHandling & 0x03) << 4        // bits 5-4: Retain Handling
                | (retainAsPublished ? 0x08 : 0)    // bit 3: Retain As Published
                | (noLocal ? 0x04 : 0)              // bit 2: No Local
                | qos & 0x03;                       // bits 1-0: Maximum QoS
    }
}
