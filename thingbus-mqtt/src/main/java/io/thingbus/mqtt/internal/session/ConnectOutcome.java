package io.thingbus.mqtt.internal.session;

/**
 * The result of binding a new connection to a session.
 *
 * @param session        the session the connection now owns
 * @param sessionPresent true when an existing session was resumed (CONNACK's Session Present)
 * @param takenOver      the connection that held the session until now and must be disconnected, or null
 */
public record ConnectOutcome(Session session, boolean sessionPresent, SessionConnection takenOver) {
}
