package io.thingbus.sim.bench.client;

/** The broker answered CONNECT or SUBSCRIBE with a failure reason code. */
public final class BrokerRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String packet;
    private final int reasonCode;

    /** @param packet the refused packet type ("CONNECT", "SUBSCRIBE") */
    public BrokerRefusedException(String packet, int reasonCode) {
        super(packet + " refused with reason code 0x" + Integer.toHexString(reasonCode));
        this.packet = packet;
        this.reasonCode = reasonCode;
    }

    /** The refused packet type. */
    public String packet() {
        return packet;
    }

    /** The MQTT reason (or 3.1.1 return) code. */
    public int reasonCode() {
        return reasonCode;
    }
}
