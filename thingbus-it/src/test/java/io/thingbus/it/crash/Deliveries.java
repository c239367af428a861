package io.thingbus.it.crash;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** How often a subscriber's application saw each message number; written by client threads. */
final class Deliveries {

    private final ConcurrentHashMap<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    void record(int number) {
        counts.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
    }

    /** Every delivery, duplicates included; grows as long as messages arrive. */
    long total() {
        return total.get();
    }

    boolean contains(int number) {
        return counts.containsKey(number);
    }

    Set<Integer> numbers() {
        return Set.copyOf(counts.keySet());
    }

    /** Numbers delivered more than once, with their delivery counts, in number order. */
    Map<Integer, Integer> duplicates() {
        Map<Integer, Integer> duplicates = new TreeMap<>();
        counts.forEach((number, count) -> {
            if (count.get() > 1) {
                duplicates.put(number, count.get());
            }
        });
        return duplicates;
    }
}
