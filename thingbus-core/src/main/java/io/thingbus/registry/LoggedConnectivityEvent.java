package io.thingbus.registry;

/**
 * A {@link ConnectivityEvent} with its place in the hub's connectivity log.
 *
 * @param seq   1, 2, 3... in the order the hub saw the events; never reused, also across restarts
 * @param event what happened
 */
public record LoggedConnectivityEvent(long seq, ConnectivityEvent event) {
}
