package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Holds the journal writer inside its batch write until the test lets it through: what is pending
 * then stays pending, without any timing. The batch's contents are fixed once the writer is held.
 * A writer held for a minute goes on by itself, so a test that fails while holding it can still
 * close its store instead of hanging.
 */
final class WriteGate implements UnaryOperator<GroupCommitJournal.BatchWriter> {

    private final Semaphore entered = new Semaphore(0);
    private final Semaphore permits = new Semaphore(0);

    @Override
    public GroupCommitJournal.BatchWriter apply(GroupCommitJournal.BatchWriter real) {
        return (options, batch) -> {
            entered.release();
            try {
                permits.tryAcquire(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            real.write(options, batch);
        };
    }

    /** Waits until the writer is held at the start of its next batch write. */
    void awaitWriterHeld() throws InterruptedException {
        assertThat(entered.tryAcquire(60, TimeUnit.SECONDS)).as("the writer reached the gate").isTrue();
    }

    /** Lets one held batch be written. */
    void letOneBatchThrough() {
        permits.release();
    }

    /** Lets every batch through from now on. */
    void open() {
        permits.release(Integer.MAX_VALUE / 2);
    }
}
