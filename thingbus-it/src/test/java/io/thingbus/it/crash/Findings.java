package io.thingbus.it.crash;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Things that went wrong somewhere other than the test thread (client callbacks, publisher threads):
 * collected here and asserted empty at the end, so a failure names every symptom, not the first.
 */
final class Findings {

    private final ConcurrentLinkedQueue<String> entries = new ConcurrentLinkedQueue<>();

    void add(String finding) {
        entries.add(finding);
    }

    List<String> all() {
        return List.copyOf(entries);
    }
}
