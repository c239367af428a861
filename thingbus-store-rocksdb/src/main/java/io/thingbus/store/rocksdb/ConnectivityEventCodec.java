package io.thingbus.store.rocksdb;

import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.auth.ClientIdentity;
import java.time.Instant;

/**
 * The value format of a {@link ConnectivityEvent} in the {@code connectivity} column family (the key
 * is its sequence number).
 *
 * <p>Version 1:
 * <pre>
 * byte     version (1)
 * byte     identity kind ({@link ClientIdentity.Kind} ordinal)
 * string   identity name
 * string   client id
 * byte     type: 0 connected, 1 disconnected
 * svarlong time (ms since the epoch)
 * string   remote address
 * string   transport
 * string   protocol
 * byte     1 when a reason follows, else 0
 * string   reason                          if present
 * </pre>
 */
final class ConnectivityEventCodec {

    static final int VERSION = 1;

    private static final String WHAT = "connectivity event";

    private ConnectivityEventCodec() {
    }

    static byte[] encode(ConnectivityEvent event) {
        ValueWriter out = new ValueWriter(96);
        out.writeByte(VERSION)
                .writeByte(event.identity().kind().ordinal())
                .writeString(event.identity().name())
                .writeString(event.clientId())
                .writeByte(event.type().ordinal())
                .writeSignedVarLong(event.time().toEpochMilli())
                .writeString(orEmpty(event.remoteAddress()))
                .writeString(orEmpty(event.transport()))
                .writeString(orEmpty(event.protocol()))
                .writeByte(event.reason() == null ? 0 : 1);
        if (event.reason() != null) {
            out.writeString(event.reason());
        }
        return out.toByteArray();
    }

    static ConnectivityEvent decode(byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        int kind = in.readUnsignedByte();
        if (kind >= ClientIdentity.Kind.values().length) {
            throw in.corrupt("identity kind " + kind);
        }
        ClientIdentity identity = new ClientIdentity(ClientIdentity.Kind.values()[kind], in.readString());
        String clientId = in.readString();
        int type = in.readUnsignedByte();
        if (type >= ConnectivityEvent.Type.values().length) {
            throw in.corrupt("event type " + type);
        }
        Instant time = Instant.ofEpochMilli(in.readSignedVarLong());
        String remote = in.readString();
        String transport = in.readString();
        String protocol = in.readString();
        String reason = in.readUnsignedByte() == 1 ? in.readString() : null;
        in.expectEnd();
        return new ConnectivityEvent(identity, clientId, ConnectivityEvent.Type.values()[type], time, remote, transport,
                protocol, reason);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
