package io.thingbus.sim.bench.device;

import io.thingbus.sim.bench.client.LoopbackTarget;
import io.thingbus.sim.bench.load.PhaseTimer;
import io.thingbus.sim.bench.load.ProgressPrinter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Registers a run's devices through the hub's provisioning endpoint,
 * {@code POST /api/v1/provisioning/{registrationId}/register} with each device's SAS token, as a
 * device would: {@code concurrency} requests at a time on the JDK's HTTP client. A 409 (registered
 * before) counts as present, so a run can reuse the devices of an earlier one.
 */
public final class DeviceRegistrar {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String NOT_ATTEMPTED = "not attempted";

    private final URI hub;
    private final String scope;
    private final DeviceSigner signer;
    private final int concurrency;

    /**
     * @param hub the hub's HTTP port, {@code http://127.0.0.1:PORT} (see {@link #loopbackUrl})
     * @param scope the id scope in each token's resource {@code {scope}/registrations/{id}}
     */
    public DeviceRegistrar(URI hub, String scope, DeviceSigner signer, int concurrency) {
        if (scope == null || scope.isEmpty() || scope.contains("/")) {
            throw new IllegalArgumentException("--provision-scope must be one path segment, got '" + scope + "'");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("--provision-concurrency must be between 1 and 256, got " + concurrency);
        }
        this.hub = hub;
        this.scope = scope;
        this.signer = signer;
        this.concurrency = concurrency;
    }

    /**
     * The hub address in {@code url}: {@code http://} on a loopback IP literal or {@code localhost},
     * with nothing after the port. {@link IllegalArgumentException} otherwise.
     */
    public static URI loopbackUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--provision-url is not a URL: " + url, e);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--provision-url must be http://127.0.0.1:PORT, got " + url);
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("--provision-url names the hub only (http://127.0.0.1:PORT), got " + url);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        LoopbackTarget.resolve(host, uri.getPort() == -1 ? 80 : uri.getPort());
        return URI.create("http://" + uri.getRawAuthority());
    }

    /** Registers every id, printing progress once a second; returns when each has its answer. */
    public RegistrationOutcome registerAll(List<String> registrationIds, ProgressPrinter progress) {
        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        int count = registrationIds.size();
        long start = System.nanoTime();
        // every request ends within its timeout, so the whole setup ends by this
        long deadline = start + REQUEST_TIMEOUT.toNanos() * (count / concurrency + 2);
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
             ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
            for (int worker = 0; worker < concurrency; worker++) {
                workers.execute(() -> {
                    for (int i = next.getAndIncrement(); i < count && !stopped.get(); i = next.getAndIncrement()) {
                        tally.record(register(client, registrationIds.get(i)));
                    }
                });
            }
            new PhaseTimer(progress, "register devices")
                    .waitUntil(deadline, () -> tally.finished() == count, () -> tally.status(count));
            stopped.set(true);
        }
        return tally.outcome(count, System.nanoTime() - start);
    }

    /** One registration and how the hub answered it. */
    private Answer register(HttpClient client, String registrationId) {
        HttpRequest request = HttpRequest.newBuilder(hub.resolve("/api/v1/provisioning/" + registrationId + "/register"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", signer.registrationToken(scope, registrationId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"registrationId\":\"" + registrationId + "\"}"))
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return Answer.REGISTERED;
            }
            return status == 409 ? Answer.ALREADY_REGISTERED : Answer.failed("HTTP " + status);
        } catch (IOException e) {
            return Answer.failed(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted");
        }
    }

    /** What the hub answered one device; {@code failure} says why it is not registered, for FAILED only. */
    private record Answer(Kind kind, String failure) {
        enum Kind { REGISTERED, ALREADY_REGISTERED, FAILED }

        static final Answer REGISTERED = new Answer(Kind.REGISTERED, null);
        static final Answer ALREADY_REGISTERED = new Answer(Kind.ALREADY_REGISTERED, null);

        static Answer failed(String cause) {
            return new Answer(Kind.FAILED, cause);
        }
    }

    /** Answers as the workers get them. */
    private static final class Tally {
        private final LongAdder registered = new LongAdder();
        private final LongAdder alreadyRegistered = new LongAdder();
        private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        private final AtomicInteger finished = new AtomicInteger();

        void record(Answer answer) {
            switch (answer.kind()) {
                case REGISTERED -> registered.increment();
                case ALREADY_REGISTERED -> alreadyRegistered.increment();
                case FAILED -> failures.computeIfAbsent(answer.failure(), cause -> new LongAdder()).increment();
            }
            finished.incrementAndGet();
        }

        int finished() {
            return finished.get();
        }

        String status(int requested) {
            long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
            return String.format(Locale.ROOT, "registered %,d already %,d failed %,d of %,d", registered.sum(),
                    alreadyRegistered.sum(), failed, requested);
        }

        RegistrationOutcome outcome(int requested, long elapsedNanos) {
            Map<String, Integer> causes = new HashMap<>();
            failures.forEach((cause, counter) -> causes.put(cause, counter.intValue()));
            long unanswered = requested - finished.get();
            if (unanswered > 0) {
                causes.put(NOT_ATTEMPTED, (int) unanswered);
            }
            return new RegistrationOutcome(requested, registered.sum(), alreadyRegistered.sum(), causes, elapsedNanos);
        }
    }
}
