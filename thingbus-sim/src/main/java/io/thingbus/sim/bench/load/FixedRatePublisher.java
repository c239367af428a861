package io.thingbus.sim.bench.load;

import io.thingbus.sim.bench.client.BenchConnection;
import io.thingbus.sim.bench.client.PublishEncoder;
import java.util.concurrent.TimeUnit;

/**
 * Publishes on one connection at a fixed rate, open-loop. Each message carries its intended send
 * time from the {@link PacingSchedule}; when the connection cannot take more (in-flight window
 * full, channel unwritable) due messages wait and go out later with their original stamps, so the
 * stall shows up as latency rather than as a quietly lower rate.
 *
 * <p>Runs on the connection's event loop: one timer per publisher, waking for the next due
 * message but at most once per {@link #MIN_TICK_NANOS}, so high rates go out in batches with one
 * flush each.
 */
public final class FixedRatePublisher {

    /** The shortest wait between two wake-ups. */
    static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** How long to wait before retrying when blocked and no capacity signal came. */
    private static final long BLOCKED_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The most messages written in one wake-up, so one publisher cannot hog its event loop. */
    private static final int MAX_PER_TICK = 4_096;

    private final BenchConnection connection;
    private final PublishEncoder encoder;
    private final PacingSchedule schedule;
    private final SendObserver observer;
    private long nextSequence;
    private boolean tickScheduled;
    private volatile boolean stopped;

    public FixedRatePublisher(BenchConnection connection, PublishEncoder encoder, PacingSchedule schedule,
            SendObserver observer) {
        this.connection = connection;
        this.encoder = encoder;
        this.schedule = schedule;
        this.observer = observer;
    }

    /** Starts publishing on the connection's event loop. Any thread. */
    public void start() {
        connection.eventLoop().execute(() -> {
            connection.onCapacity(this::publishDue);
            connection.onAcknowledged(observer::acknowledged);
            publishDue();
        });
    }

    /** Stops publishing; the next wake-up ends the loop. Any thread. */
    public void stop() {
        stopped = true;
    }

    /** The schedule this publisher follows. */
    public PacingSchedule schedule() {
        return schedule;
    }

    private void onTick() {
        tickScheduled = false;
        publishDue();
    }

    private void publishDue() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        long due = schedule.dueBy(now);
        int written = 0;
        boolean blocked = false;
        while (nextSequence < due && written < MAX_PER_TICK) {
            long intendedNanos = schedule.intendedNanos(nextSequence);
            observer.beforeSend(nextSequence);
            if (!connection.tryPublish(encoder, intendedNanos, nextSequence)) {
                blocked = true;
                break;
            }
            observer.sent(intendedNanos);
            nextSequence++;
            written++;
        }
        if (written > 0) {
            connection.flush();
        }
        if (!tickScheduled) {
            long delay = blocked
                    ? BLOCKED_RETRY_NANOS
                    : Math.max(MIN_TICK_NANOS, schedule.intendedNanos(nextSequence) - now);
            connection.eventLoop().schedule(this::onTick, delay, TimeUnit.NANOSECONDS);
            tickScheduled = true;
        }
    }
}
