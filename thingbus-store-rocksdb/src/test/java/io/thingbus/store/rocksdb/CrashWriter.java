package io.thingbus.store.rocksdb;

import io.thingbus.messaging.Qos;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.QueuedMessage;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashDurabilityTest}: appends to a queue without end and prints
 * {@code acked <seq>} once the barrier after each append completes, until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        FsyncPolicy policy = FsyncPolicy.parse(args[1]);
        PrintStream out = System.out;
        RocksDbStores stores = RocksDbStores.open(directory, policy);
        out.println("open");
        out.flush();
        for (long seq = 0; seq < 10_000_000; seq++) {
            long acked = seq;
            stores.queues().append("crash", seq, new QueuedMessage(seq, Qos.AT_LEAST_ONCE, false, new int[] {(int) seq}));
            stores.journal().barrier().thenRun(() -> {
                synchronized (out) {
                    out.println("acked " + acked);
                    out.flush();
                }
            });
            if (seq % 64 == 63) {
                stores.journal().barrier().join(); // keep the queue of pending writes bounded
            }
        }
        stores.close();
    }
}
