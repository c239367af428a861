package io.thingbus.registry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Principals on the heap only: for tests and hubs without a data directory. */
public final class InMemoryPrincipalStore implements PrincipalStore {

    private final ConcurrentSkipListMap<String, ServicePrincipal> principals = new ConcurrentSkipListMap<>();

    @Override
    public Optional<ServicePrincipal> find(String name) {
        return Optional.ofNullable(principals.get(name));
    }

    @Override
    public List<ServicePrincipal> all() {
        return List.copyOf(principals.values());
    }

    @Override
    public void put(ServicePrincipal principal) {
        principals.put(principal.name(), principal);
    }

    @Override
    public boolean remove(String name) {
        return principals.remove(name) != null;
    }
}
