package io.thingbus.it.crash;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The hub ({@code thingbus server}) in a child JVM: the test JVM's own {@code java} and class path,
 * loopback only, ports chosen by the system and read back from {@code ports.json}, output in a log
 * file. Started once, then killed or destroyed once.
 */
final class HubProcess {

    static final String MAIN_CLASS = "io.thingbus.server.cli.ThingbusCommand";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path logFile;
    private final int mqttPort;

    private HubProcess(Process process, Path logFile, int mqttPort) {
        this.process = process;
        this.logFile = logFile;
        this.mqttPort = mqttPort;
    }

    /**
     * Starts a hub on {@code dataDir} and returns once it listens, that is once a {@code ports.json}
     * written by this very process exists (the stale one of a killed predecessor is deleted first).
     */
    static HubProcess start(Path dataDir, Path logFile) throws IOException {
        Path portsFile = dataDir.resolve("ports.json");
        Files.deleteIfExists(portsFile);
        ProcessBuilder builder = new ProcessBuilder(command(dataDir))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        // Options come from the command line only, never from a THINGBUS_* variable of the build's environment.
        builder.environment().keySet().removeIf(name -> name.startsWith("THINGBUS_"));
        Process process = builder.start();
        try {
            int[] port = {0};
            await("hub pid " + process.pid() + " writes " + portsFile)
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .failFast("hub exited before listening", () -> !process.isAlive())
                    .until(() -> {
                        port[0] = readMqttPort(portsFile);
                        return port[0] > 0;
                    });
            return new HubProcess(process, logFile, port[0]);
        } catch (ConditionTimeoutException | TerminalFailureException failed) {
            String status = process.isAlive() ? "still running, killed now" : "exit status " + process.exitValue();
            process.destroyForcibly();
            throw new IllegalStateException("hub pid " + process.pid() + " did not start (" + status + "): "
                    + failed.getMessage() + "\n" + tail(logFile, 40), failed);
        }
    }

    private static List<String> command(Path dataDir) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx512m");
        command.add("--enable-native-access=ALL-UNNAMED");
        // The same leak detection as every test JVM of the build (STYLE habit 14); reports land in the hub log.
        command.add("-Dio.netty.leakDetection.level=paranoid");
        // The hub's own logging: logback (thingbus-sim's jar manifest drags slf4j-simple onto any class path
        // it is on) configured by thingbus-server's logback.xml (INFO), not by the test suite's
        // logback-test.xml, which comes first on the shared class path.
        command.add("-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider");
        command.add("-Dlogback.configurationFile=logback.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        // fsync always is the default; named here because it is the policy whose promise this test checks.
        command.addAll(List.of("server", "--host", "127.0.0.1", "--mqtt-port", "0", "--http-port", "0",
                "--mqtts-port", "0", "--https-port", "0", "--allow-anonymous",
                "--fsync", "always", "--data-dir", dataDir.toAbsolutePath().toString()));
        return command;
    }

    /** The MQTT port in {@code ports.json}, or 0 while the file is absent or not yet complete. */
    private static int readMqttPort(Path portsFile) {
        if (!Files.exists(portsFile)) {
            return 0;
        }
        try {
            JsonNode ports = JSON.readTree(portsFile.toFile());
            return ports == null ? 0 : ports.path("mqtt").asInt(0);
        } catch (IOException incomplete) {
            return 0;
        }
    }

    int mqttPort() {
        return mqttPort;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the hub the hard way and returns its exit status once it is gone. On Linux
     * {@link Process#destroyForcibly()} sends SIGKILL (the JDK's ProcessHandleImpl on Unix calls
     * {@code kill(pid, SIGKILL)}; plain {@code destroy()} would send SIGTERM and run the hub's shutdown
     * hook): no shutdown hook, no flush, no close of the store. The JVM reports a process killed by
     * signal 9 with exit status 128 + 9 = 137, which the caller checks.
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hub pid " + process.pid() + " still alive 10 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** Clean-up after a test, whatever state it left: SIGKILL if still running. */
    void destroy() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String logTail(int lines) {
        return tail(logFile, lines);
    }

    Path logFile() {
        return logFile;
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "---- last " + last.size() + " of " + all.size() + " lines of " + file + "\n" + String.join("\n", last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
