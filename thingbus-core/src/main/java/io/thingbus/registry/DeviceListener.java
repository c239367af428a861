package io.thingbus.registry;

/**
 * Told of every change to a device, after it is durable, on the thread that made it. Listeners
 * must be quick (closing connections is asynchronous work they may start, not wait for).
 */
@FunctionalInterface
public interface DeviceListener {

    /**
     * @param before the device before the change, null when it was just created
     * @param after  the device after the change, null when it was just deleted
     */
    void deviceChanged(Device before, Device after);
}
