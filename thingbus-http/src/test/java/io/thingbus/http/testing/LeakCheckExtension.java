package io.thingbus.http.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reported a leaked buffer. After each test it collects garbage and allocates
 * a few buffers (the paranoid detector reports collected, unreleased buffers on the next allocation),
 * then fails with every "LEAK:" report logged since the previous test. A leak whose buffer is
 * collected late is reported at a later test: the report names where the buffer was last touched.
 *
 * <p>Registered for every test class of the module through JUnit's extension auto-detection
 * ({@code junit-platform.properties} and {@code META-INF/services}).
 */
public final class LeakCheckExtension implements AfterEachCallback {

    private static final ByteBufAllocator[] ALLOCATORS = {
            PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT,
            new PooledByteBufAllocator(false), new UnpooledByteBufAllocator(false)};

    @Override
    public void afterEach(ExtensionContext context) {
        System.gc();
        for (ByteBufAllocator allocator : ALLOCATORS) {
            allocator.buffer(1).release();
            allocator.directBuffer(1).release();
            allocator.heapBuffer(1).release();
        }
        List<String> leaks = LeakRecordingAppender.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s) by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }
}
