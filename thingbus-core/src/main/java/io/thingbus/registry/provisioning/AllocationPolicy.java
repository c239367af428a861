package io.thingbus.registry.provisioning;

import java.util.Objects;

/**
 * How provisioning chooses a new device's telemetry partition (DESIGN.md section 5). Written as
 * {@code hash}, {@code least-loaded} or {@code tag:NAME} on the command line, in JSON and on disk.
 */
public sealed interface AllocationPolicy {

    /** By a hash of the device id: spreads devices evenly without state. */
    record Hash() implements AllocationPolicy {
        @Override
        public String wireName() {
            return "hash";
        }
    }

    /** The partition holding the fewest devices now (ties: the lowest number). */
    record LeastLoaded() implements AllocationPolicy {
        @Override
        public String wireName() {
            return "least-loaded";
        }
    }

    /**
     * By a hash of the value of tag {@code tag}, so devices sharing that value (a neighbourhood, a
     * building) share a partition; a device without the tag falls back to {@link Hash}.
     */
    record ByTag(String tag) implements AllocationPolicy {
        public ByTag {
            Objects.requireNonNull(tag, "tag");
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("tag:NAME needs a tag name");
            }
        }

        @Override
        public String wireName() {
            return TAG_PREFIX + tag;
        }
    }

    String TAG_PREFIX = "tag:";

    AllocationPolicy HASH = new Hash();
    AllocationPolicy LEAST_LOADED = new LeastLoaded();

    /** {@code hash}, {@code least-loaded} or {@code tag:NAME}. */
    String wireName();

    /** @throws IllegalArgumentException naming the accepted forms */
    static AllocationPolicy parse(String text) {
        if (text != null && text.startsWith(TAG_PREFIX)) {
            return new ByTag(text.substring(TAG_PREFIX.length()));
        }
        if (HASH.wireName().equals(text)) {
            return HASH;
        }
        if (LEAST_LOADED.wireName().equals(text)) {
            return LEAST_LOADED;
        }
        throw new IllegalArgumentException("an allocation policy is 'hash', 'least-loaded' or 'tag:NAME', was '" + text + "'");
    }
}
