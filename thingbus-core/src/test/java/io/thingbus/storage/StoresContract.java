package io.thingbus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Stores} implementation shares, under the contracts of its single stores.
 *
 * <p>The semantics each store contract checks:
 * <ul>
 *   <li><b>Read-your-writes:</b> a write is visible to every read that starts after it returns, on
 *       any thread, whether or not it has reached the disk yet.</li>
 *   <li><b>Barrier:</b> {@code journal().barrier()} completes once every write issued (by any
 *       thread) before the call is durable; after it has completed, closing and re-opening the
 *       stores on the same data gives back those writes.</li>
 * </ul>
 * Implementations that keep nothing across a re-open (in memory) return the same instance from
 * {@link #reopen(Stores)}, so their durability tests pass trivially; {@link #survivesReopen()} says
 * which kind the implementation is, and {@link #reopenOpensTheSameDataAnew()} checks that a durable
 * implementation really re-opens.
 */
public abstract class StoresContract {

    /** How long a test waits for a barrier or another thread before failing rather than hanging. */
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    protected Stores stores;

    /** Fresh, empty stores for one test. */
    protected abstract Stores newStores();

    /**
     * The stores re-opened on the data of {@code current}: a durable implementation closes
     * {@code current} and opens the same data anew; an in-memory one returns {@code current}.
     */
    protected abstract Stores reopen(Stores current);

    /** True when the implementation keeps its data across {@link #reopen(Stores)}. */
    protected abstract boolean survivesReopen();

    @BeforeEach
    final void openStores() {
        stores = newStores();
    }

    @AfterEach
    final void closeStores() {
        stores.close();
    }

    /** Waits for the barrier of every write so far, then re-opens the stores. */
    protected final void barrierAndReopen() {
        barrier();
        stores = reopen(stores);
    }

    /** Waits for a barrier to complete. */
    protected final void barrier() {
        stores.journal().barrier().orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Runs {@code task} on a thread of its own and returns its result, so reads cross threads. */
    protected static <T> T onAnotherThread(Callable<T> task) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(task).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void reopenOpensTheSameDataAnew() {
        Stores before = stores;
        barrierAndReopen();
        assertThat(stores != before).as("a new instance after reopen").isEqualTo(survivesReopen());
    }

    @Test
    void aBarrierWithNothingWrittenCompletes() {
        CompletableFuture<Void> barrier = stores.journal().barrier();
        assertThat(barrier.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).succeedsWithin(PATIENCE);
    }

    @Test
    void barriersFromManyThreadsComplete() throws Exception {
        CompletableFuture<?>[] barriers = new CompletableFuture<?>[32];
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < barriers.length; i++) {
                barriers[i] = CompletableFuture.supplyAsync(() -> stores.journal().barrier(), threads)
                        .thenCompose(barrier -> barrier);
            }
            assertThat(CompletableFuture.allOf(barriers)).succeedsWithin(PATIENCE);
        } finally {
            threads.shutdownNow();
        }
    }
}
