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
}
