package io.thingbus.registry;

/** Told when clients connect and disconnect; called on network threads, so it must be quick and not block. */
@FunctionalInterface
public interface ConnectivityListener {

    ConnectivityListener NONE = event -> { };

    void connectivityChanged(ConnectivityEvent event);
}
