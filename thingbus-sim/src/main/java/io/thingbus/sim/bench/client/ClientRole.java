package io.thingbus.sim.bench.client;

/** What a bench connection is for; part of its client id, so brokers' logs tell them apart. */
public enum ClientRole {
    /** Opens, keeps alive and does nothing else (the {@code connections} scenario). */
    IDLE("c"),
    PUBLISHER("p"),
    SUBSCRIBER("s");

    private final String tag;

    ClientRole(String tag) {
        this.tag = tag;
    }

    /** A short tag for client ids. */
    public String tag() {
        return tag;
    }
}
