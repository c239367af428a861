package io.thingbus.store.rocksdb;

/** The embedded store cannot do what was asked of it: the database failed, or its data cannot be read. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
