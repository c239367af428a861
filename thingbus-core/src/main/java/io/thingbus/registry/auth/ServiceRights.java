package io.thingbus.registry.auth;

import io.thingbus.messaging.TopicFilter;
import io.thingbus.registry.Role;

/**
 * What a back-end service principal may do over MQTT: subscribe to anything (telemetry consumers
 * take {@code devices/+/messages/events/#}, often as {@code $share/group/...}); publish anywhere
 * except device telemetry, which only a device can send; a reader only subscribes.
 */
enum ServiceRights implements AccessPolicy {
    /** Operators and admins. */
    PUBLISHER,
    /** Readers. */
    SUBSCRIBER;

    static ServiceRights of(Role role) {
        return role.includes(Role.OPERATOR) ? PUBLISHER : SUBSCRIBER;
    }

    @Override
    public boolean mayPublish(String topic) {
        return this == PUBLISHER && !DeviceTopics.isTelemetry(topic);
    }

    @Override
    public boolean maySubscribe(TopicFilter filter) {
        return true;
    }
}
