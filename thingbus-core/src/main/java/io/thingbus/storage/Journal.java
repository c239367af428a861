package io.thingbus.storage;

import java.util.concurrent.CompletableFuture;

/**
 * The order and durability of every store write. Writes made through the stores are visible to
 * reads at once; {@link #barrier()} says when they have also reached the disk under the configured
 * {@link FsyncPolicy}. Nothing is acknowledged to a client before its barrier completes.
 */
public interface Journal {

    /**
     * A future that completes once every write issued (by any thread) before this call is durable.
     * Many barriers share one disk sync (group commit). Fails when the journal cannot write.
     */
    CompletableFuture<Void> barrier();

    /**
     * Runs {@code writes} so that every store write it makes on this thread reaches the disk in one
     * batch: after a crash either all of them are there or none. Used where state moves between
     * stores (a queued message becoming an inflight one). Do not wait for a barrier inside it.
     */
    void atomically(Runnable writes);
}
