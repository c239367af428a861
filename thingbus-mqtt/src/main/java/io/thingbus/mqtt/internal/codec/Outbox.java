package io.thingbus.mqtt.internal.codec;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Packets headed for one channel from any thread, written in the order they were offered and
 * flushed once per batch on the channel's event loop. A burst of deliveries from a fan-out costs
 * one task and one flush per channel, not one per packet.
 */
public final class Outbox implements Runnable {

    private final Channel channel;
    private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public Outbox(Channel channel) {
        this.channel = channel;
    }

    /** Queues an encoded packet; ownership passes to the outbox, which releases it if it cannot be written. */
    public void offer(Object packet) {
        offer(packet, null);
    }

    /**
     * Queues an encoded packet; when the outbox needs scheduling and a batch is given, the batch
     * schedules it together with the other outboxes of the same event loop.
     */
    public void offer(Object packet, DeliveryBatch batch) {
        pending.add(packet);
        if (scheduled.compareAndSet(false, true)) {
            if (batch != null) {
                batch.add(channel.eventLoop(), this);
                return;
            }
            try {
                channel.eventLoop().execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                discardPending();
            }
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        if (!channel.isActive()) {
            discardPending();
            return;
        }
        Object packet;
        boolean wrote = false;
        while ((packet = pending.poll()) != null) {
            channel.write(packet, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void discardPending() {
        Object packet;
        while ((packet = pending.poll()) != null) {
            ReferenceCountUtil.release(packet);
        }
    }
}
