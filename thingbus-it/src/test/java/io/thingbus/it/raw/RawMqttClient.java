package io.thingbus.it.raw;

import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A byte-level MQTT client over a plain {@link Socket}, for the tests that need exact packets: it sends what the
 * test built (see {@link Connect}, {@link Publish}, {@link Packets}) and reads packets back with a tiny parser.
 * It never answers anything on its own: no PUBACK, no PINGREQ, so tests can withhold them.
 */
public final class RawMqttClient implements AutoCloseable {

    /** How long a read waits for a packet the test expects. */
    public static final Duration EXPECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_POLL = Duration.ofMillis(50);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final List<MqttPacket> received = new ArrayList<>();
    private int protocolLevel = Connect.V5;
    private boolean closedByPeer;

    private RawMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawMqttClient open(String host, int port) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) EXPECT_TIMEOUT.toMillis());
            return new RawMqttClient(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** The protocol level of the last CONNECT sent; incoming packets are parsed accordingly. */
    public int protocolLevel() {
        return protocolLevel;
    }

    /** Sends CONNECT and returns the CONNACK, failing if anything else (or nothing) comes back. */
    public Connack connect(Connect connect) {
        sendConnect(connect);
        return readConnack();
    }

    /** Sends CONNECT without waiting for the answer. */
    public void sendConnect(Connect connect) {
        protocolLevel = connect.protocolLevel() == Connect.V311 ? Connect.V311 : Connect.V5;
        send(connect.encode());
    }

    public void publish(Publish publish) {
        send(publish.encode(protocolLevel));
    }

    /** Sends SUBSCRIBE and returns the SUBACK. */
    public Suback subscribe(int packetId, Subscription... subscriptions) {
        send(Packets.subscribe(protocolLevel, packetId, subscriptions));
        return readSuback();
    }

    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to the server", e);
        }
    }

    /** The next packet, waiting up to {@link #EXPECT_TIMEOUT}; fails on timeout or when the server closes. */
    public MqttPacket read() {
        return poll(EXPECT_TIMEOUT).orElseThrow(
                () -> new AssertionError("no packet from the server within " + EXPECT_TIMEOUT));
    }

    /** The next packet if one arrives within {@code timeout}; fails if the server closes the connection. */
    public Optional<MqttPacket> poll(Duration timeout) {
        Optional<MqttPacket> packet = tryRead(timeout);
        if (closedByPeer) {
            throw new AssertionError("the server closed the connection; it had sent " + received);
        }
        return packet;
    }

    /**
     * The next packet within {@code timeout}, or empty on timeout or when the server closes the connection
     * ({@link #isClosedByPeer()} tells which), for tests where closing is one of the allowed answers.
     */
    public Optional<MqttPacket> pollOrClose(Duration timeout) {
        return tryRead(timeout);
    }

    /** Asserts the server sends nothing for {@code quietPeriod}, a bounded negative check. */
    public void assertNothingWithin(Duration quietPeriod) {
        poll(quietPeriod).ifPresent(packet -> {
            throw new AssertionError("expected no packet within " + quietPeriod + " but got " + packet);
        });
    }

    public Connack readConnack() {
        return Connack.decode(expect(PacketType.CONNACK), protocolLevel);
    }

    public Publish readPublish() {
        return Publish.decode(expect(PacketType.PUBLISH), protocolLevel);
    }

    public Ack readAck(PacketType type) {
        return Ack.decode(expect(type), protocolLevel);
    }

    public Suback readSuback() {
        return Suback.decode(expect(PacketType.SUBACK), protocolLevel);
    }

    public Suback readUnsuback() {
        return Suback.decode(expect(PacketType.UNSUBACK), protocolLevel);
    }

    private MqttPacket expect(PacketType type) {
        MqttPacket packet = read();
        if (packet.type() != type) {
            throw new AssertionError("expected " + type + " but the server sent " + packet
                    + (packet.type() == PacketType.DISCONNECT ? " " + Disconnect.decode(packet) : ""));
        }
        return packet;
    }

    /** Parses a packet read from this connection as a PUBLISH. */
    public Publish asPublish(MqttPacket packet) {
        return Publish.decode(packet, protocolLevel);
    }

    public static Disconnect asDisconnect(MqttPacket packet) {
        return Disconnect.decode(packet);
    }

    public Connack asConnack(MqttPacket packet) {
        return Connack.decode(packet, protocolLevel);
    }

    public Ack asAck(MqttPacket packet) {
        return Ack.decode(packet, protocolLevel);
    }

    public Suback asSuback(MqttPacket packet) {
        return Suback.decode(packet, protocolLevel);
    }

    /**
     * Waits (with Awaitility) until the server closes the connection and returns every packet it sent before
     * closing, such as a DISCONNECT; fails if the connection is still open after {@code timeout}.
     */
    public List<MqttPacket> awaitClosed(Duration timeout) {
        int from = received.size();
        try {
            await("server closes the connection")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        tryRead(CLOSE_POLL);
                        return closedByPeer;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + timeout
                    + "; it sent " + received.subList(from, received.size()), e);
        }
        return List.copyOf(received.subList(from, received.size()));
    }

    public boolean isClosedByPeer() {
        return closedByPeer;
    }

    private Optional<MqttPacket> tryRead(Duration timeout) {
        if (closedByPeer) {
            return Optional.empty();
        }
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            if (first < 0) {
                closedByPeer = true;
                return Optional.empty();
            }
            // The rest of a packet follows its first byte closely; allow the full expect timeout for it.
            socket.setSoTimeout((int) EXPECT_TIMEOUT.toMillis());
            int remainingLength = readRemainingLength();
            byte[] body = new byte[remainingLength];
            in.readFully(body);
            MqttPacket packet = new MqttPacket(PacketType.of(first >>> 4), first & 0x0F, body);
            received.add(packet);
            return Optional.of(packet);
        } catch (EOFException | SocketException e) {
            // EOF inside a packet, or a reset: either way the server has dropped the connection.
            closedByPeer = true;
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read from the server", e);
        }
    }

    /** Remaining Length: a Variable Byte Integer of at most four bytes. */
    private int readRemainingLength() throws IOException {
        int value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            int digit = in.readUnsignedByte();
            value += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                return value;
            }
            multiplier *= 128;
        }
        throw new AssertionError("the server sent a Remaining Length longer than four bytes");
    }

    /** Drops the TCP connection without a DISCONNECT, as a network failure would. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
