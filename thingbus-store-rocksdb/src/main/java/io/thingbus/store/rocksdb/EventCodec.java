package io.thingbus.store.rocksdb;

import io.thingbus.telemetry.TelemetryRecord;

/**
 * The value format of an event (the {@code events} column family; the device, enqueued time,
 * partition and offset are in the key, see {@link RocksDbEventStore}).
 *
 * <p>Version 1:
 * <pre>
 * byte    version (1)
 * content as in {@link TelemetryRecordCodec}: properties, content type, payload
 * </pre>
 * The event store holds its own copy of each record rather than a pointer into the log, because the
 * two have independent retentions: events outlive the log records they came from.
 */
final class EventCodec {

    static final int VERSION = 1;

    private static final String WHAT = "event value";

    private EventCodec() {
    }

    static byte[] encode(TelemetryRecord record) {
        ValueWriter out = new ValueWriter(8 + record.payload().length + 16 * record.properties().size());
        out.writeByte(VERSION);
        TelemetryRecordCodec.writeContent(out, record.properties(), record.contentType(), record.payload());
        return out.toByteArray();
    }

    static TelemetryRecord decode(String deviceId, long enqueuedTime, int partition, long offset, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        TelemetryRecordCodec.Content content = TelemetryRecordCodec.readContent(in);
        return new TelemetryRecord(partition, offset, enqueuedTime, deviceId, content.properties(), content.contentType(),
                content.payload());
    }
}
