package io.thingbus.store.rocksdb;

/**
 * Stored data is in a format this build cannot read: a newer or unknown on-disk format version, a
 * value written by a newer codec version, or a value that is cut short or corrupt. Thrown rather
 * than reading such data wrongly.
 */
public class StoreFormatException extends StoreException {

    public StoreFormatException(String message) {
        super(message);
    }
}
