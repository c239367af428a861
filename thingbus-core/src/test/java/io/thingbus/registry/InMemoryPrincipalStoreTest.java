package io.thingbus.registry;

class InMemoryPrincipalStoreTest extends PrincipalStoreContract {

    @Override
    protected PrincipalStore newStore() {
        return new InMemoryPrincipalStore();
    }

    @Override
    protected PrincipalStore reopen(PrincipalStore current) {
        return current;
    }
}
