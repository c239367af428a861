package io.thingbus.mqtt.internal.codec;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Packets headed for one channel from any thread, written in the order they were offered and
 * flushed once per batch on the channel's event loop. A burst of deliveries from a fan-out costs
 * one task and one flush per channel, not one per packet.
 *
 * <p>A packet may wait for durability: it is not written before its future completes, and the
 * packets offered after it wait behind it. That is how a PUBLISH or PUBREL to a persistent session
 * goes out only once the session's record of it survives a crash.
 */
public final class Outbox implements Runnable {

    private final Channel channel;
    private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** A packet that waits for its durability future. Event loop only, once queued. */
    private static final class Gated {
        final Object packet;
        final CompletableFuture<Void> durable;
        boolean watched;

        Gated(Object packet, CompletableFuture<Void> durable) {
            this.packet = packet;
            this.durable = durable;
        }
    }

    public Outbox(Channel channel) {
        this.channel = channel;
    }

    /** Queues an encoded packet; ownership passes to the outbox, which releases it if it cannot be written. */
    public void offer(Object packet) {
        offer(packet, null, null);
    }

    /**
     * Queues an encoded packet, written once {@code durable} (null: at once) completes. When the
     * outbox needs scheduling and a batch is given, the batch schedules it together with the other
     * outboxes of the same event loop.
     */
    public void offer(Object packet, DeliveryBatch batch, CompletableFuture<Void> durable) {
        pending.add(durable == null || isDoneNormally(durable) ? packet : new Gated(packet, durable));
        if (scheduled.compareAndSet(false, true)) {
            if (batch != null) {
                batch.add(channel.eventLoop(), this);
                return;
            }
            schedule();
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        if (!channel.isActive()) {
            discardPending();
            return;
        }
        boolean wrote = false;
        Object next;
        while ((next = pending.peek()) != null) {
            if (next instanceof Gated gated) {
                if (!gated.durable.isDone()) {
                    watch(gated);
                    break;
                }
                if (gated.durable.isCompletedExceptionally()) {
                    // the store failed: the client must not be told of what is not recorded
                    discardPending();
                    channel.close();
                    return;
                }
                next = gated.packet;
            }
            pending.poll();
            channel.write(next, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void watch(Gated gated) {
        if (!gated.watched) {
            gated.watched = true;
            gated.durable.whenComplete((ignored, failure) -> {
                if (scheduled.compareAndSet(false, true)) {
                    schedule();
                }
            });
        }
    }

    private void schedule() {
        try {
            channel.eventLoop().execute(this);
        } catch (RejectedExecutionException shuttingDown) {
            discardPending();
        }
    }

    private static boolean isDoneNormally(CompletableFuture<Void> future) {
        return future.isDone() && !future.isCompletedExceptionally();
    }

    private void discardPending() {
        Object packet;
        while ((packet = pending.poll()) != null) {
            ReferenceCountUtil.release(packet instanceof Gated gated ? gated.packet : packet);
        }
    }
}
