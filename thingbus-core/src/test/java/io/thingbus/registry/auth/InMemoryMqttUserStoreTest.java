package io.thingbus.registry.auth;

class InMemoryMqttUserStoreTest extends MqttUserStoreContract {

    @Override
    protected MqttUserStore newStore() {
        return new InMemoryMqttUserStore();
    }
}
