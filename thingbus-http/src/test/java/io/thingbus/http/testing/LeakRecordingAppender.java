package io.thingbus.http.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the "LEAK:" reports Netty's leak detector logs, so {@link LeakCheckExtension} can fail the
 * test run on them instead of leaving them in a log nobody reads. Wired in {@code logback-test.xml}.
 */
public final class LeakRecordingAppender extends AppenderBase<ILoggingEvent> {

    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message != null && message.contains("LEAK:")) {
            LEAKS.add(message);
        }
    }

    /** The leak reports recorded since the last call. */
    static List<String> drain() {
        List<String> drained = new ArrayList<>();
        String leak;
        while ((leak = LEAKS.poll()) != null) {
            drained.add(leak);
        }
        return drained;
    }
}
