package io.thingbus.mqtt.internal.routing;

import io.thingbus.messaging.Message;

/**
 * A message being routed, with the client id of whoever published it (null for the hub itself), used
 * for the no-local option.
 */
record RoutedMessage(Message message, String publisherClientId) {
}
