package io.thingbus.http;

import static io.thingbus.http.ApiHarness.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStore;
import io.thingbus.registry.InMemoryDeviceStore;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API requests run on the server's workers: a slow registry write holds neither the event loop nor other clients. */
class ApiWorkersTest {

    private final SlowStore store = new SlowStore();
    private ApiHarness api;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiHarness(HttpServerConfig.defaults().withWorkers(1, 1), store, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.release.countDown();
        api.close();
    }

    @Test
    void healthAndMetricsAnswerWhileARegistryWriteIsStuck() throws Exception {
        CompletableFuture<HttpResponse<String>> stuck = create("dev-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> store.writing.getCount() == 0);

        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/metrics", null).statusCode()).isEqualTo(200);
        assertThat(stuck).isNotDone();

        store.release.countDown();
        assertThat(stuck.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }

    @Test
    void requestsBeyondTheWorkersQueueAre503ServerBusy() throws Exception {
        CompletableFuture<HttpResponse<String>> stuck = create("dev-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> store.writing.getCount() == 0);

        List<CompletableFuture<HttpResponse<String>>> more = List.of(create("dev-2"), create("dev-3"));

        await().atMost(Duration.ofSeconds(10)).until(() -> more.stream().anyMatch(CompletableFuture::isDone));
        CompletableFuture<HttpResponse<String>> refused = more.stream().filter(CompletableFuture::isDone).findFirst()
                .orElseThrow();
        CompletableFuture<HttpResponse<String>> queued = more.get(more.indexOf(refused) == 0 ? 1 : 0);
        assertProblem(refused.join(), 503, "SERVER_BUSY");
        assertThat(queued).as("the other waits in the queue of one").isNotDone();

        store.release.countDown();
        assertThat(stuck.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(api.registry.count()).isEqualTo(2);
    }

    private CompletableFuture<HttpResponse<String>> create(String id) {
        return api.client().sendAsync(api.request("/api/v1/devices", api.operator)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"deviceId\": \"" + id + "\"}")).build(), BodyHandlers.ofString());
    }

    /** An in-memory store whose first write waits until the test releases it. */
    private static final class SlowStore implements DeviceStore {

        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final InMemoryDeviceStore devices = new InMemoryDeviceStore();

        @Override
        public Optional<Device> find(String id) {
            return devices.find(id);
        }

        @Override
        public void put(Device device) {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            devices.put(device);
        }

        @Override
        public boolean remove(String id) {
            return devices.remove(id);
        }

        @Override
        public List<Device> list(String afterId, int limit) {
            return devices.list(afterId, limit);
        }

        @Override
        public long count() {
            return devices.count();
        }
    }
}
