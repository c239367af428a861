package io.thingbus.mqtt.internal.connection;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Answers to one connection's packets (PUBACK, PUBREC, PUBCOMP, SUBACK) that wait for work to
 * complete: a journal barrier, a telemetry append, a registration. Each answer runs on the event loop
 * once its work is done and every earlier answer has run, so the client hears them in the order it sent
 * the packets (MQTT 5 section 4.6) whatever order the work completes in. A connection makes one the
 * first time an answer has to wait ({@link ClientConnection#answerWhen}). Event loop only.
 */
public final class PendingAnswers {

    private final ArrayDeque<Pending> waiting = new ArrayDeque<>(4);

    /**
     * Runs {@code answer} on {@code loop} once {@code work} completes and the answers added before it
     * have run; at once when nothing waits and the work is done. The answer is given the work's failure
     * (unwrapped from {@link CompletionException}), or null when it succeeded.
     */
    void add(EventExecutor loop, CompletableFuture<?> work, Consumer<Throwable> answer) {
        if (waiting.isEmpty() && work.isDone()) {
            answerNow(work, answer);
            return;
        }
        Pending pending = new Pending(answer);
        waiting.add(pending);
        work.whenComplete((ignored, failure) -> loop.execute(() -> {
            pending.done = true;
            pending.failure = unwrap(failure);
            runReady();
        }));
    }

    private void runReady() {
        Pending head;
        while ((head = waiting.peek()) != null && head.done) {
            waiting.poll();
            head.answer.accept(head.failure);
        }
    }

    /** Runs the answer of work that is done. */
    static void answerNow(CompletableFuture<?> done, Consumer<Throwable> answer) {
        answer.accept(done.isCompletedExceptionally() ? unwrap(done.exceptionNow()) : null);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
    }

    /** One answer in line; its fields are touched on the event loop only. */
    private static final class Pending {
        final Consumer<Throwable> answer;
        boolean done;
        Throwable failure;

        Pending(Consumer<Throwable> answer) {
            this.answer = answer;
        }
    }
}
