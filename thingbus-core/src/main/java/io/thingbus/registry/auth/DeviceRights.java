package io.thingbus.registry.auth;

import io.thingbus.messaging.TopicFilter;

/**
 * What every device may do (DESIGN.md section 2), for itself and, as a gateway, for each of its
 * children:
 *
 * <ul>
 *   <li>publish telemetry to {@code devices/{id}/messages/events} and below (the property bag);</li>
 *   <li>subscribe to {@code devices/{id}/messages/devicebound/#} or any filter under it;</li>
 *   <li>publish {@code $iothub/twin/GET/?$rid=...}, {@code $iothub/twin/PATCH/properties/reported/?$rid=...}
 *       and {@code $iothub/methods/res/{status}/?$rid=...};</li>
 *   <li>subscribe to {@code $iothub/methods/POST/#}, {@code $iothub/twin/res/#} and
 *       {@code $iothub/twin/PATCH/properties/desired/#}, or filters under them.</li>
 * </ul>
 *
 * The $iothub topics name no device: they are the connection's own (the gateway's, never a child's).
 * Children are looked up in the live {@link GatewayChildren} index on every check, so a child added
 * after the gateway connected is served at once. Checks allocate nothing.
 */
final class DeviceRights implements AccessPolicy {

    private static final String TWIN_GET = "$iothub/twin/GET/?$rid=";
    private static final String TWIN_REPORTED = "$iothub/twin/PATCH/properties/reported/?$rid=";
    private static final String METHOD_RESPONSE = "$iothub/methods/res/";
    private static final String RID = "/?$rid=";
    private static final String METHOD_REQUESTS = "$iothub/methods/POST";
    private static final String TWIN_RESPONSES = "$iothub/twin/res";
    private static final String DESIRED_PATCHES = "$iothub/twin/PATCH/properties/desired";

    private final String deviceId;
    private final GatewayChildren gateways;

    DeviceRights(String deviceId, GatewayChildren gateways) {
        this.deviceId = deviceId;
        this.gateways = gateways;
    }

    @Override
    public boolean mayPublish(String topic) {
        if (topic.startsWith(DeviceTopics.IOTHUB)) {
            return topic.startsWith(TWIN_GET) || topic.startsWith(TWIN_REPORTED) || isMethodResponse(topic);
        }
        int idEnd = DeviceTopics.deviceIdEnd(topic);
        return idEnd > 0 && isSelfOrChild(topic, idEnd) && DeviceTopics.isAtOrBelow(topic, idEnd, DeviceTopics.EVENTS);
    }

    @Override
    public boolean maySubscribe(TopicFilter topicFilter) {
        String filter = topicFilter.filter();
        if (filter.startsWith(DeviceTopics.IOTHUB)) {
            return DeviceTopics.isAtOrBelow(filter, 0, METHOD_REQUESTS)
                    || DeviceTopics.isAtOrBelow(filter, 0, TWIN_RESPONSES)
                    || DeviceTopics.isAtOrBelow(filter, 0, DESIRED_PATCHES);
        }
        int idEnd = DeviceTopics.deviceIdEnd(filter);
        return idEnd > 0 && isSelfOrChild(filter, idEnd)
                && DeviceTopics.isAtOrBelow(filter, idEnd, DeviceTopics.DEVICEBOUND);
    }

    @Override
    public String toString() {
        return "device " + deviceId + " and its children";
    }

    private boolean isSelfOrChild(String topic, int idEnd) {
        int idStart = DeviceTopics.DEVICES.length();
        boolean self = idEnd - idStart == deviceId.length() && topic.regionMatches(idStart, deviceId, 0, deviceId.length());
        return self || gateways.isChild(deviceId, topic, idStart, idEnd);
    }

    /** {@code $iothub/methods/res/{status digits}/?$rid=...}. */
    private static boolean isMethodResponse(String topic) {
        if (!topic.startsWith(METHOD_RESPONSE)) {
            return false;
        }
        int i = METHOD_RESPONSE.length();
        while (i < topic.length() && topic.charAt(i) >= '0' && topic.charAt(i) <= '9') {
            i++;
        }
        return i > METHOD_RESPONSE.length() && topic.startsWith(RID, i);
    }
}
