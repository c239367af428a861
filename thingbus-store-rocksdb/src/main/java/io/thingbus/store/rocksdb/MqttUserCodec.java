package io.thingbus.store.rocksdb;

import io.thingbus.registry.auth.MqttUser;
import io.thingbus.registry.auth.PasswordHash;
import java.time.Instant;

/**
 * The value format of an {@link MqttUser} in the {@code users} column family (the name is the key).
 *
 * <p>Version 1:
 * <pre>
 * byte     version (1)
 * string   password hash, as {@link PasswordHash#encoded()} writes it (algorithm, iterations, salt, hash)
 * svarlong created (ms since the epoch)
 * </pre>
 */
final class MqttUserCodec {

    static final int VERSION = 1;

    private static final String WHAT = "MQTT user value";

    private MqttUserCodec() {
    }

    static byte[] encode(MqttUser user) {
        return new ValueWriter(128)
                .writeByte(VERSION)
                .writeString(user.password().encoded())
                .writeSignedVarLong(user.created().toEpochMilli())
                .toByteArray();
    }

    static MqttUser decode(String name, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        PasswordHash hash;
        try {
            hash = PasswordHash.parse(in.readString());
        } catch (IllegalArgumentException unreadable) {
            throw in.corrupt("an unreadable password hash");
        }
        Instant created = Instant.ofEpochMilli(in.readSignedVarLong());
        in.expectEnd();
        return new MqttUser(name, hash, created);
    }
}
