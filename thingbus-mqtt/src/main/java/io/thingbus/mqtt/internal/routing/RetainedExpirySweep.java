package io.thingbus.mqtt.internal.routing;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.RetainedMessageStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes retained messages whose message expiry has passed, once a minute from the shared timer,
 * so expired retained state leaves the store (and the disk) even when nobody subscribes to it.
 * A retained message replaced between the scan and the removal is kept.
 */
public final class RetainedExpirySweep implements TimerTask {

    private static final Logger log = LoggerFactory.getLogger(RetainedExpirySweep.class);
    private static final long PERIOD_SECONDS = 60;

    private final RetainedMessageStore retained;
    private final Timer timer;
    private final Clock clock;
    private volatile boolean stopped;

    public RetainedExpirySweep(RetainedMessageStore retained, Timer timer, Clock clock) {
        this.retained = retained;
        this.timer = timer;
        this.clock = clock;
    }

    public void start() {
        timer.newTimeout(this, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void run(Timeout timeout) {
        if (stopped) {
            return;
        }
        try {
            int removed = sweep();
            if (removed > 0) {
                log.debug("Removed {} expired retained messages", removed);
            }
        } finally {
            timer.newTimeout(this, PERIOD_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Removes every expired retained message now; returns how many. */
    int sweep() {
        long now = clock.millis();
        List<Message> expired = new ArrayList<>();
        retained.forEach(message -> {
            if (message.isExpired(now)) {
                expired.add(message);
            }
        });
        int removed = 0;
        for (Message message : expired) {
            if (retained.get(message.topic()).filter(current -> current == message).isPresent()
                    && retained.remove(message.topic())) {
                removed++;
            }
        }
        return removed;
    }
}
