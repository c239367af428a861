package io.thingbus.it.crash;

/**
 * One run of the hub process on the shared data directory: the first start is incarnation 0, each
 * restart after a kill the next one. Ports differ between incarnations.
 *
 * @param index    0 for the first start, then 1, 2, ...
 * @param mqttPort the MQTT/TCP port this run chose (from {@code ports.json})
 */
record Incarnation(int index, int mqttPort) {

    String tcpUri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }
}
