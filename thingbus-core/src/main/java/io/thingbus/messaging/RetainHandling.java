package io.thingbus.messaging;

/** MQTT 5 subscription option: when a subscribe receives the retained messages of its filter. */
public enum RetainHandling {
    /** Send retained messages at every subscribe (and always for MQTT 3.1.1). */
    SEND_ALWAYS,
    /** Send them only when the subscription did not exist before. */
    SEND_IF_NEW,
    /** Never send them at subscribe. */
    DO_NOT_SEND;

    private static final RetainHandling[] BY_VALUE = values();

    /** The option for its wire value 0, 1 or 2. */
    public static RetainHandling of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("retain handling must be 0, 1 or 2, was " + value);
        }
        return BY_VALUE[value];
    }
}
