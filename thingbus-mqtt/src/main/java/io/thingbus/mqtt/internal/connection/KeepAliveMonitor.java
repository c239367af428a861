package io.thingbus.mqtt.internal.connection;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.thingbus.errors.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Enforces keep-alive (1.5 times the negotiated interval, MQTT section 3.1.2.10), the CONNECT
 * timeout (which also bounds a slow authentication) and the expiry of each client's credentials for
 * every connection from one shared sweep twice a second, so an idle connection costs a set entry,
 * not a scheduled task of its own.
 */
public final class KeepAliveMonitor implements TimerTask {

    private static final long SWEEP_MILLIS = 500;

    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final Timer timer;
    private final Clock clock;
    private final long connectTimeoutMillis;
    private final MqttServerDisconnector disconnector;
    private volatile boolean stopped;

    public KeepAliveMonitor(Timer timer, Clock clock, Duration connectTimeout, MqttServerDisconnector disconnector) {
        this.timer = timer;
        this.clock = clock;
        this.connectTimeoutMillis = connectTimeout.toMillis();
        this.disconnector = disconnector;
    }

    public void start() {
        timer.newTimeout(this, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        stopped = true;
    }

    public void watch(ClientConnection connection) {
        connections.add(connection);
    }

    public void forget(ClientConnection connection) {
        connections.remove(connection);
    }

    public int size() {
        return connections.size();
    }

    @Override
    public void run(Timeout timeout) {
        if (stopped) {
            return;
        }
        try {
            sweep(clock.millis());
        } finally {
            timer.newTimeout(this, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void sweep(long now) {
        for (ClientConnection connection : connections) {
            switch (connection.state()) {
                case AWAITING_CONNECT, AUTHENTICATING -> {
                    if (now - connection.openedAtMillis() > connectTimeoutMillis) {
                        disconnector.close(connection, "not connected within " + connectTimeoutMillis + " ms");
                    }
                }
                case CONNECTED -> {
                    ConnectedClient client = connection.client();
                    int keepAlive = client.keepAliveSeconds();
                    if (keepAlive > 0 && now - connection.lastReadMillis() > keepAlive * 1500L) {
                        disconnector.disconnect(connection, ErrorCode.KEEP_ALIVE_TIMEOUT,
                                "nothing received for 1.5 x " + keepAlive + " s");
                    } else if (client.credentialsExpired(now)) {
                        disconnector.disconnect(connection, ErrorCode.NOT_AUTHORIZED, "credentials expired");
                    }
                }
                default -> {
                }
            }
        }
    }
}
