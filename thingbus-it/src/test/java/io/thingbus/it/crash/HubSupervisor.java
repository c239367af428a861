package io.thingbus.it.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts, kills and restarts the hub on one data directory, and tells clients where it runs now:
 * each run is an {@link Incarnation} with its own port, announced through a future that clients
 * (publisher threads, HiveMQ reconnectors) wait on after losing their connection.
 *
 * <p>A kill first marks the hub as not running, then sends SIGKILL, so any client that sees its
 * connection drop afterwards is told to wait for the next incarnation rather than the dead one.
 */
final class HubSupervisor implements AutoCloseable {

    private final Path dataDir;
    private final Path logDir;
    private final List<HubProcess> processes = new ArrayList<>();
    private final List<CompletableFuture<Incarnation>> incarnations = new ArrayList<>();
    private final List<Integer> exitCodes = new ArrayList<>();
    /** The incarnation accepting connections, or null between a kill and the next start. */
    private Incarnation running;
    private HubProcess current;
    private boolean closed;

    HubSupervisor(Path dataDir, Path logDir) throws IOException {
        this.dataDir = Files.createDirectories(dataDir);
        this.logDir = Files.createDirectories(logDir);
    }

    /** Starts the next incarnation on the shared data directory and returns once it listens. */
    Incarnation start() throws IOException {
        int index;
        synchronized (this) {
            if (current != null || closed) {
                throw new IllegalStateException("hub already running or supervisor closed");
            }
            index = processes.size();
        }
        HubProcess process = HubProcess.start(dataDir, logDir.resolve("hub-" + index + ".log"));
        Incarnation incarnation = new Incarnation(index, process.mqttPort());
        synchronized (this) {
            processes.add(process);
            current = process;
            running = incarnation;
        }
        incarnation(index).complete(incarnation);
        return incarnation;
    }

    /** SIGKILLs the running hub; returns its exit status (137 when SIGKILL ended it). */
    int kill() throws InterruptedException {
        HubProcess victim;
        synchronized (this) {
            if (current == null) {
                throw new IllegalStateException("no hub running");
            }
            victim = current;
            current = null;
            running = null;
        }
        int exitCode = victim.kill();
        synchronized (this) {
            exitCodes.add(exitCode);
        }
        return exitCode;
    }

    /** Completes once incarnation {@code index} has started (fails if the supervisor closes first). */
    synchronized CompletableFuture<Incarnation> incarnation(int index) {
        while (incarnations.size() <= index) {
            CompletableFuture<Incarnation> future = new CompletableFuture<>();
            if (closed) {
                future.completeExceptionally(new IllegalStateException("hub supervisor closed"));
            }
            incarnations.add(future);
        }
        return incarnations.get(index);
    }

    /**
     * Where a client should connect after losing (or failing to reach) incarnation {@code lostIndex}:
     * the running incarnation when it is that one or a later one, else the next one to start.
     */
    synchronized CompletableFuture<Incarnation> after(int lostIndex) {
        if (running != null && running.index() >= lostIndex) {
            return CompletableFuture.completedFuture(running);
        }
        return incarnation(lostIndex + 1);
    }

    /** True while incarnation {@code index} runs and has not been marked for killing. */
    synchronized boolean isRunning(int index) {
        return running != null && running.index() == index;
    }

    synchronized List<Integer> exitCodes() {
        return List.copyOf(exitCodes);
    }

    Path dataDir() {
        return dataDir;
    }

    /** The tail of every incarnation's log, oldest first. */
    synchronized String logTails(int lines) {
        StringBuilder tails = new StringBuilder();
        for (HubProcess process : processes) {
            tails.append(process.logTail(lines)).append('\n');
        }
        return tails.toString();
    }

    /** Lines of every incarnation's log that contain {@code text}. */
    synchronized List<String> logLinesContaining(String text) throws IOException {
        List<String> found = new ArrayList<>();
        for (HubProcess process : processes) {
            for (String line : Files.readAllLines(process.logFile())) {
                if (line.contains(text)) {
                    found.add(process.logFile().getFileName() + ": " + line);
                }
            }
        }
        return found;
    }

    /** Kills whatever still runs and fails every pending wait for an incarnation. */
    @Override
    public void close() {
        HubProcess last;
        List<CompletableFuture<Incarnation>> pending;
        synchronized (this) {
            closed = true;
            last = current;
            current = null;
            running = null;
            pending = List.copyOf(incarnations);
        }
        if (last != null) {
            last.destroy();
        }
        pending.forEach(future -> future.completeExceptionally(new IllegalStateException("hub supervisor closed")));
    }
}
