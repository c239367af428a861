package io.thingbus.sim.bench.client;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Arrays;
import java.util.Locale;

/** The Netty I/O transports the bench can run on, best first. */
public enum IoTransport {
    IO_URING("io_uring") {
        @Override
        public boolean isAvailable() {
            return IoUring.isAvailable();
        }

        @Override
        IoHandlerFactory handlerFactory() {
            // A completion queue deep enough for thousands of connections closing at once.
            return IoUringIoHandler.newFactory(new IoUringIoHandlerConfig().setCqSize(URING_COMPLETION_QUEUE_SIZE));
        }

        @Override
        Class<? extends SocketChannel> channelType() {
            return IoUringSocketChannel.class;
        }
    },
    EPOLL("epoll") {
        @Override
        public boolean isAvailable() {
            return Epoll.isAvailable();
        }

        @Override
        IoHandlerFactory handlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends SocketChannel> channelType() {
            return EpollSocketChannel.class;
        }
    },
    NIO("nio") {
        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        IoHandlerFactory handlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends SocketChannel> channelType() {
            return NioSocketChannel.class;
        }
    };

    private static final int URING_COMPLETION_QUEUE_SIZE = 1 << 16;

    private final String displayName;

    IoTransport(String displayName) {
        this.displayName = displayName;
    }

    /** Whether this transport works on this machine (native library loaded, kernel support). */
    public abstract boolean isAvailable();

    abstract IoHandlerFactory handlerFactory();

    abstract Class<? extends SocketChannel> channelType();

    /** The best transport available here: io_uring, else epoll, else NIO. */
    public static IoTransport best() {
        return Arrays.stream(values()).filter(IoTransport::isAvailable).findFirst().orElse(NIO);
    }

    /** The transport named {@code name} (io_uring, epoll, nio), or {@link #best()} for "auto". */
    public static IoTransport named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        if (wanted.equals("auto")) {
            return best();
        }
        return Arrays.stream(values())
                .filter(transport -> transport.displayName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown transport '" + name + "': use auto, io_uring, epoll or nio"));
    }

    @Override
    public String toString() {
        return displayName;
    }
}
