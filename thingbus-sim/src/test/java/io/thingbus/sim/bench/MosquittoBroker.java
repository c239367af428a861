package io.thingbus.sim.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto on a free loopback port, for smoke tests. Tests using it are skipped (JUnit
 * assumption) where {@code /usr/sbin/mosquitto} is not installed.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Process process;
    private final int port;

    private MosquittoBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts mosquitto with its config and log in {@code directory}; skips the test if it is not installed. */
    static MosquittoBroker start(Path directory) throws IOException {
        assumeTrue(Files.isExecutable(EXECUTABLE), "Debian's mosquitto is not installed (apt-get install mosquitto)");
        int port = freeLoopbackPort();
        Path config = directory.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                ""));
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("mosquitto.log").toFile())
                .start();
        MosquittoBroker broker = new MosquittoBroker(process, port);
        await().atMost(STARTUP).until(() -> !process.isAlive() || broker.acceptsConnections());
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited: " + Files.readString(directory.resolve("mosquitto.log")));
        }
        return broker;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
