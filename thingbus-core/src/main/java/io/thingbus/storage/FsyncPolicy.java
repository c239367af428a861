package io.thingbus.storage;

import java.util.Locale;

/**
 * When the journal syncs its write-ahead log to disk.
 *
 * @param mode           always, interval or never
 * @param intervalMillis for {@link Mode#INTERVAL}, the longest time between syncs
 */
public record FsyncPolicy(Mode mode, long intervalMillis) {

    /** The sync modes. */
    public enum Mode {
        /** Sync before completing any barrier: nothing acknowledged is lost, even on power loss. Group-committed. */
        ALWAYS,
        /** Sync at least every interval: a crash of the machine may lose up to one interval; a crash of the hub loses nothing. */
        INTERVAL,
        /** Never sync explicitly: the operating system decides; a crash of the hub process loses nothing. */
        NEVER
    }

    public static final FsyncPolicy ALWAYS = new FsyncPolicy(Mode.ALWAYS, 0);
    public static final FsyncPolicy NEVER = new FsyncPolicy(Mode.NEVER, 0);

    public FsyncPolicy {
        if (mode == Mode.INTERVAL && intervalMillis <= 0) {
            throw new IllegalArgumentException("an fsync interval must be positive, was " + intervalMillis);
        }
    }

    /** Parses {@code always}, {@code never} or {@code interval:<ms>}. */
    public static FsyncPolicy parse(String text) {
        if (text.equals("always")) {
            return ALWAYS;
        }
        if (text.equals("never")) {
            return NEVER;
        }
        if (text.startsWith("interval:")) {
            try {
                return new FsyncPolicy(Mode.INTERVAL, Long.parseLong(text.substring("interval:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fsync interval must be a number of milliseconds: " + text);
            }
        }
        throw new IllegalArgumentException("fsync policy must be always, never or interval:<ms>, was " + text);
    }

    @Override
    public String toString() {
        return mode == Mode.INTERVAL ? "interval:" + intervalMillis : mode.name().toLowerCase(Locale.ROOT);
    }
}
