package io.thingbus.messaging;

/** MQTT quality of service: how many times a message may arrive. */
public enum Qos {
    AT_MOST_ONCE(0),
    AT_LEAST_ONCE(1),
    EXACTLY_ONCE(2);

    private static final Qos[] BY_VALUE = values();

    private final int value;

    Qos(int value) {
        this.value = value;
    }

    /** The wire value, 0, 1 or 2. */
    public int value() {
        return value;
    }

    /** The lower of two levels: what a subscriber granted {@code max} receives of a message sent at {@code this}. */
    public Qos min(Qos max) {
        return value <= max.value ? this : max;
    }

    /** The level for a wire value; throws for anything but 0, 1 and 2. */
    public static Qos of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, was " + value);
        }
        return BY_VALUE[value];
    }
}
