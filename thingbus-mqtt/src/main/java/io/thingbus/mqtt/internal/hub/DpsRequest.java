package io.thingbus.mqtt.internal.hub;

/**
 * A request of a device registering over MQTT, read from its topic (Azure DPS over MQTT):
 * {@code $dps/registrations/PUT/iotdps-register/?$rid={rid}} or
 * {@code $dps/registrations/GET/iotdps-get-operationstatus/?$rid={rid}&operationId={operationId}}.
 * Query values are taken as sent.
 *
 * @param operation   what is asked
 * @param rid         the request id the answer must carry; empty when the topic has none
 * @param operationId the operation polled, or null
 */
record DpsRequest(Operation operation, String rid, String operationId) {

    static final String REGISTER = "$dps/registrations/PUT/iotdps-register/";
    static final String OPERATION_STATUS = "$dps/registrations/GET/iotdps-get-operationstatus/";

    enum Operation {
        REGISTER,
        OPERATION_STATUS,
        UNKNOWN
    }

    static DpsRequest parse(String topic) {
        Operation operation = topic.startsWith(REGISTER) ? Operation.REGISTER
                : topic.startsWith(OPERATION_STATUS) ? Operation.OPERATION_STATUS
                : Operation.UNKNOWN;
        int query = topic.indexOf('?');
        return new DpsRequest(operation, query < 0 ? "" : parameter(topic, query + 1, "$rid", ""),
                query < 0 ? null : parameter(topic, query + 1, "operationId", null));
    }

    /** The topic an answer with HTTP-like {@code status} goes to: {@code $dps/registrations/res/{status}/?$rid={rid}}. */
    String responseTopic(int status) {
        return "$dps/registrations/res/" + status + "/?$rid=" + rid;
    }

    private static String parameter(String topic, int from, String name, String absent) {
        int start = from;
        while (start < topic.length()) {
            int end = topic.indexOf('&', start);
            if (end < 0) {
                end = topic.length();
            }
            if (topic.startsWith(name, start) && start + name.length() < end && topic.charAt(start + name.length()) == '=') {
                return topic.substring(start + name.length() + 1, end);
            }
            start = end + 1;
        }
        return absent;
    }
}
