package io.thingbus.messaging;

/**
 * A client's last will: published when its connection ends without a normal DISCONNECT.
 *
 * @param message      the will message, already validated
 * @param delaySeconds MQTT 5 will delay interval; 0 publishes at once
 */
public record Will(Message message, long delaySeconds) {
}
