package io.thingbus.registry.provisioning;

class InMemoryEnrollmentStoreTest extends EnrollmentStoreContract {

    @Override
    protected EnrollmentStore newStore() {
        return new InMemoryEnrollmentStore();
    }

    @Override
    protected EnrollmentStore reopen(EnrollmentStore current) {
        return current;
    }
}
