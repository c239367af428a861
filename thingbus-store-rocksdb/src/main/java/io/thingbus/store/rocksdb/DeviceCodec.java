package io.thingbus.store.rocksdb;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceCredentials;
import io.thingbus.registry.DeviceStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value format of a {@link Device} in the {@code devices} column family. The device id is the key,
 * so the value holds only the rest.
 *
 * <p>Version 1:
 * <pre>
 * byte     version (1)
 * byte     status: 0 enabled, 1 disabled
 * string   primary key (base64)
 * string   secondary key (base64)
 * byte     flags: bit 0 primary thumbprint follows, bit 1 secondary thumbprint follows, bit 2 parent follows
 * string   primary thumbprint               if bit 0
 * string   secondary thumbprint             if bit 1
 * string   parent id                        if bit 2
 * varint   partition
 * svarlong created (ms since the epoch)
 * svarlong updated (ms since the epoch)
 * varint   tag count, then each: string name, string value (in name order)
 * </pre>
 */
final class DeviceCodec {

    static final int VERSION = 1;

    private static final int PRIMARY_THUMBPRINT = 1;
    private static final int SECONDARY_THUMBPRINT = 1 << 1;
    private static final int PARENT = 1 << 2;
    private static final String WHAT = "device value";

    private DeviceCodec() {
    }

    static byte[] encode(Device device) {
        DeviceCredentials credentials = device.credentials();
        ValueWriter out = new ValueWriter(128 + device.tags().size() * 24);
        out.writeByte(VERSION)
                .writeByte(device.status().ordinal())
                .writeString(credentials.primaryKey())
                .writeString(credentials.secondaryKey())
                .writeByte((credentials.primaryThumbprint() != null ? PRIMARY_THUMBPRINT : 0)
                        | (credentials.secondaryThumbprint() != null ? SECONDARY_THUMBPRINT : 0)
                        | (device.parentId() != null ? PARENT : 0));
        if (credentials.primaryThumbprint() != null) {
            out.writeString(credentials.primaryThumbprint());
        }
        if (credentials.secondaryThumbprint() != null) {
            out.writeString(credentials.secondaryThumbprint());
        }
        if (device.parentId() != null) {
            out.writeString(device.parentId());
        }
        out.writeVarInt(device.partition())
                .writeSignedVarLong(device.created().toEpochMilli())
                .writeSignedVarLong(device.updated().toEpochMilli())
                .writeVarInt(device.tags().size());
        for (Map.Entry<String, String> tag : new TreeMap<>(device.tags()).entrySet()) {
            out.writeString(tag.getKey()).writeString(tag.getValue());
        }
        return out.toByteArray();
    }

    static Device decode(String id, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        int statusOrdinal = in.readUnsignedByte();
        if (statusOrdinal >= DeviceStatus.values().length) {
            throw in.corrupt("status " + statusOrdinal);
        }
        String primaryKey = in.readString();
        String secondaryKey = in.readString();
        int flags = in.readUnsignedByte();
        String primaryThumbprint = (flags & PRIMARY_THUMBPRINT) != 0 ? in.readString() : null;
        String secondaryThumbprint = (flags & SECONDARY_THUMBPRINT) != 0 ? in.readString() : null;
        String parentId = (flags & PARENT) != 0 ? in.readString() : null;
        int partition = in.readVarInt();
        Instant created = Instant.ofEpochMilli(in.readSignedVarLong());
        Instant updated = Instant.ofEpochMilli(in.readSignedVarLong());
        int tagCount = in.readVarInt();
        if (tagCount < 0 || tagCount > in.remaining() / 2) {
            throw in.corrupt("a tag count of " + Integer.toUnsignedString(tagCount));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < tagCount; i++) {
            tags.put(in.readString(), in.readString());
        }
        in.expectEnd();
        return new Device(id, DeviceStatus.values()[statusOrdinal],
                new DeviceCredentials(primaryKey, secondaryKey, primaryThumbprint, secondaryThumbprint),
                tags, parentId, partition, created, updated);
    }
}
