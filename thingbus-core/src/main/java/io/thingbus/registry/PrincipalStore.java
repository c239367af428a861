package io.thingbus.registry;

import java.util.List;
import java.util.Optional;

/**
 * Where service principals live. Implementations are safe for concurrent use; a write is durable
 * when the method returns.
 */
public interface PrincipalStore {

    Optional<ServicePrincipal> find(String name);

    /** Every principal, in name order. */
    List<ServicePrincipal> all();

    /** Adds the principal, or replaces the one with its name. */
    void put(ServicePrincipal principal);

    /** Removes the principal with this name; false when there was none. */
    boolean remove(String name);
}
