package io.thingbus.mqtt.internal.connection;

import java.util.EnumSet;
import java.util.Set;

/** The life of one network connection; {@link #canMoveTo} declares the legal moves. */
public enum ConnectionState {
    /** TCP (or WebSocket) open, no CONNECT seen yet. */
    AWAITING_CONNECT,
    /** CONNECT read and valid; the authenticator is deciding. Packets that follow it are held. */
    AUTHENTICATING,
    /** CONNECT accepted, CONNACK sent; the client owns a session. */
    CONNECTED,
    /** The hub or the client is closing it; no more packets are processed. */
    DISCONNECTING,
    /** The channel is closed. */
    CLOSED;

    private Set<ConnectionState> successors() {
        return switch (this) {
            case AWAITING_CONNECT -> EnumSet.of(AUTHENTICATING, DISCONNECTING, CLOSED);
            case AUTHENTICATING -> EnumSet.of(CONNECTED, DISCONNECTING, CLOSED);
            case CONNECTED -> EnumSet.of(DISCONNECTING, CLOSED);
            case DISCONNECTING -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(ConnectionState.class);
        };
    }

    /** True when moving from this state to {@code next} is legal. */
    public boolean canMoveTo(ConnectionState next) {
        return successors().contains(next);
    }
}
