package io.thingbus.registry;

import java.time.Instant;

/**
 * A device's connection state as the API and the console show it.
 *
 * @param deviceId             the device
 * @param connected            whether it has a live connection now
 * @param since                when it last connected (if connected) or disconnected (if not)
 * @param lastActivity         the last time the hub heard from it (connect, disconnect, or telemetry)
 * @param remoteAddress        the peer address of its last connection
 * @param transport            {@code mqtt}, {@code mqtts}, {@code ws}, {@code wss} or {@code http}
 * @param protocol             {@code mqtt3.1.1}, {@code mqtt5} or {@code http}
 * @param lastDisconnectReason why its last connection ended, or null if none has
 */
public record DeviceConnection(String deviceId, boolean connected, Instant since, Instant lastActivity,
                               String remoteAddress, String transport, String protocol, String lastDisconnectReason) {
}
