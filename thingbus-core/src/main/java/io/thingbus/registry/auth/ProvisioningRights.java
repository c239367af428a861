package io.thingbus.registry.auth;

import io.thingbus.messaging.TopicFilter;

/**
 * What a device registering over MQTT may do (Azure DPS over MQTT): publish a registration request
 * ({@code $dps/registrations/PUT/iotdps-register/?$rid={rid}}) or an operation status poll
 * ({@code $dps/registrations/GET/iotdps-get-operationstatus/?$rid={rid}&operationId=...}), and subscribe
 * to the answers, {@code $dps/registrations/res/#} or a filter under it. The topics name no registration:
 * the hub answers on the asking connection only. One instance serves every such connection; checks
 * allocate nothing.
 */
final class ProvisioningRights implements AccessPolicy {

    static final ProvisioningRights INSTANCE = new ProvisioningRights();

    private static final String REGISTER = "$dps/registrations/PUT/iotdps-register/?$rid=";
    private static final String OPERATION_STATUS = "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=";
    private static final String RESPONSES = "$dps/registrations/res";

    private ProvisioningRights() {
    }

    @Override
    public boolean mayPublish(String topic) {
        return topic.startsWith(REGISTER) || topic.startsWith(OPERATION_STATUS);
    }

    @Override
    public boolean maySubscribe(TopicFilter filter) {
        return DeviceTopics.isAtOrBelow(filter.filter(), 0, RESPONSES);
    }

    @Override
    public String toString() {
        return "provisioning";
    }
}
