package io.thingbus.mqtt.testing;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An executor a test steers: it runs each task at once on the calling thread, or, after
 * {@link #hold()}, keeps tasks until {@link #runHeld()}, or, after {@link #saturate()}, rejects them
 * as a full bounded pool would. Single-threaded: drive it from the test thread only.
 */
public final class ControlledExecutor implements Executor {

    private enum Mode { RUN, HOLD, REJECT }

    private final Queue<Runnable> held = new ArrayDeque<>();
    private Mode mode = Mode.RUN;

    @Override
    public void execute(Runnable task) {
        switch (mode) {
            case RUN -> task.run();
            case HOLD -> held.add(task);
            case REJECT -> throw new RejectedExecutionException("saturated (test)");
        }
    }

    /** Keeps the tasks from now on until {@link #runHeld()}. */
    public void hold() {
        mode = Mode.HOLD;
    }

    /** Rejects every task from now on. */
    public void saturate() {
        mode = Mode.REJECT;
    }

    /** Runs the held tasks in order and goes back to running tasks at once. */
    public void runHeld() {
        mode = Mode.RUN;
        Runnable task;
        while ((task = held.poll()) != null) {
            task.run();
        }
    }

    public int heldCount() {
        return held.size();
    }
}
