package io.thingbus.it.crash;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams the numbers 1, 2, 3, ... to one topic from its own thread, with up to {@link #WINDOW}
 * publishes awaiting acknowledgement, and records for every number the incarnation it was sent to and
 * whether the hub acknowledged it.
 *
 * <p>When the connection breaks (the hub was killed), the thread waits for the next incarnation and
 * continues the numbering on a fresh connection: a number is published once, on one connection, and
 * never resent, so "acknowledged" and "sent but not acknowledged" stay exact.
 */
final class NumberedPublisher {

    static final int WINDOW = 32;

    /** Opens a fresh connection to an incarnation. */
    @FunctionalInterface
    interface Connector {
        PublisherConnection connect(Incarnation hub, String clientId) throws Exception;
    }

    private final String name;
    private final String topic;
    private final HubSupervisor hubs;
    private final Connector connector;
    private final Findings findings;
    private final Thread thread;
    private final AtomicInteger nextNumber = new AtomicInteger(1);
    private final Map<Integer, Integer> sentTo = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> acknowledgedBy = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> acknowledgedCounts = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    NumberedPublisher(String name, String topic, HubSupervisor hubs, Connector connector, Findings findings) {
        this.name = name;
        this.topic = topic;
        this.hubs = hubs;
        this.connector = connector;
        this.findings = findings;
        this.thread = new Thread(this::run, "publisher-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String name() {
        return name;
    }

    String topic() {
        return topic;
    }

    /** Number to the incarnation it was published to, for every number handed to the client. */
    Map<Integer, Integer> sent() {
        return Map.copyOf(sentTo);
    }

    /** Number to the incarnation that acknowledged it. */
    Map<Integer, Integer> acknowledged() {
        return Map.copyOf(acknowledgedBy);
    }

    int acknowledgedBy(int incarnation) {
        AtomicInteger count = acknowledgedCounts.get(incarnation);
        return count == null ? 0 : count.get();
    }

    /** Stops publishing, lets outstanding publishes complete (bounded), and closes the connection. */
    void stop() throws InterruptedException {
        stopping.set(true);
        thread.join(Duration.ofSeconds(20));
        if (thread.isAlive()) {
            findings.add(name + ": publisher thread did not stop within 20 s");
            thread.interrupt();
        }
    }

    private void run() {
        int lastIncarnation = -1;
        while (!stopping.get()) {
            Incarnation hub;
            try {
                hub = hubs.incarnation(lastIncarnation + 1).get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                continue;
            } catch (ExecutionException supervisorClosed) {
                return;
            } catch (InterruptedException interrupted) {
                return;
            }
            lastIncarnation = hub.index();
            PublisherConnection connection;
            try {
                connection = connector.connect(hub, "crash-" + name + "-" + hub.index());
            } catch (InterruptedException interrupted) {
                return;
            } catch (Exception unreachable) {
                if (hubs.isRunning(hub.index())) {
                    findings.add(name + ": cannot connect to running hub #" + hub.index() + ": " + unreachable);
                }
                continue;
            }
            try {
                publishUntilBroken(hub, connection);
            } catch (InterruptedException interrupted) {
                return;
            } finally {
                connection.close();
            }
        }
    }

    private void publishUntilBroken(Incarnation hub, PublisherConnection connection) throws InterruptedException {
        Semaphore window = new Semaphore(WINDOW);
        AtomicBoolean broken = new AtomicBoolean();
        while (!stopping.get() && !broken.get() && connection.isConnected()) {
            if (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                continue;
            }
            int number = nextNumber.getAndIncrement();
            sentTo.put(number, hub.index());
            connection.publish(number).whenComplete((result, failure) -> {
                if (failure == null) {
                    acknowledgedBy.put(number, hub.index());
                    acknowledgedCounts.computeIfAbsent(hub.index(), i -> new AtomicInteger()).incrementAndGet();
                } else {
                    broken.set(true);
                    if (hubs.isRunning(hub.index())) {
                        findings.add(name + ": publish " + number + " failed while hub #" + hub.index()
                                + " was running: " + failure);
                    }
                }
                window.release();
            });
        }
        // Outstanding publishes complete (acknowledged or failed) before the connection is dropped; after
        // a kill the client fails them as soon as it notices the lost connection.
        Duration drain = stopping.get() ? Duration.ofSeconds(15) : Duration.ofSeconds(5);
        if (!window.tryAcquire(WINDOW, drain.toMillis(), TimeUnit.MILLISECONDS)) {
            findings.add(name + ": " + (WINDOW - window.availablePermits()) + " publishes to hub #" + hub.index()
                    + " neither acknowledged nor failed within " + drain.toSeconds() + " s");
        }
    }
}
