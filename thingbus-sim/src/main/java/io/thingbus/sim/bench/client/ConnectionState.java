package io.thingbus.sim.bench.client;

/** The life of one bench connection, with its legal moves. */
enum ConnectionState {
    /** TCP connect under way. */
    CONNECTING,
    /** CONNECT sent. */
    AWAITING_CONNACK,
    /** CONNACK accepted the session. */
    CONNECTED,
    /** We asked to close (DISCONNECT sent or being sent). */
    DISCONNECTING,
    CLOSED;

    /** Whether moving from this state to {@code next} is legal. */
    boolean canMoveTo(ConnectionState next) {
        return switch (this) {
            case CONNECTING -> next == AWAITING_CONNACK || next == DISCONNECTING || next == CLOSED;
            case AWAITING_CONNACK -> next == CONNECTED || next == DISCONNECTING || next == CLOSED;
            case CONNECTED -> next == DISCONNECTING || next == CLOSED;
            case DISCONNECTING -> next == CLOSED;
            case CLOSED -> false;
        };
    }

    /** The state after moving to {@code next}; refuses an illegal move. */
    ConnectionState transitionTo(ConnectionState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("illegal connection state change " + this + " -> " + next);
        }
        return next;
    }
}
