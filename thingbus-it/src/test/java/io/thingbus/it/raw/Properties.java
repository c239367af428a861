package io.thingbus.it.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An MQTT 5 property list in wire order (5.0 section 2.2.2): built by tests for outgoing packets, parsed from
 * incoming ones. Values are {@code Long} for integers, {@code String} for UTF-8 strings, {@code byte[]} for
 * binary data and {@link UserProperty} for string pairs. Order and duplicates are kept.
 */
public final class Properties {

    private static final Properties NONE = new Properties(List.of());

    private record Entry(PropertyId id, Object value) {
    }

    private final List<Entry> entries;

    private Properties(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Properties none() {
        return NONE;
    }

    /** A copy with one more integer property (Byte, Two Byte, Four Byte or Variable Byte Integer). */
    public Properties with(PropertyId id, long value) {
        return add(id, value);
    }

    /** A copy with one more UTF-8 string property. */
    public Properties with(PropertyId id, String value) {
        return add(id, value);
    }

    /** A copy with one more binary property. */
    public Properties with(PropertyId id, byte[] value) {
        return add(id, value.clone());
    }

    /** A copy with one more User Property. */
    public Properties withUserProperty(String name, String value) {
        return add(PropertyId.USER_PROPERTY, new UserProperty(name, value));
    }

    private Properties add(PropertyId id, Object value) {
        List<Entry> copy = new ArrayList<>(entries);
        copy.add(new Entry(id, value));
        return new Properties(copy);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean has(PropertyId id) {
        return entries.stream().anyMatch(entry -> entry.id() == id);
    }

    /** The value of an integer property that occurs at most once. */
    public Optional<Long> integer(PropertyId id) {
        return single(id).map(Long.class::cast);
    }

    public Optional<String> string(PropertyId id) {
        return single(id).map(String.class::cast);
    }

    public Optional<byte[]> binary(PropertyId id) {
        return single(id).map(byte[].class::cast).map(byte[]::clone);
    }

    /** Every value of an integer property that may repeat (Subscription Identifier), in wire order. */
    public List<Long> integers(PropertyId id) {
        return entries.stream().filter(entry -> entry.id() == id).map(entry -> (Long) entry.value()).toList();
    }

    public List<UserProperty> userProperties() {
        return entries.stream()
                .filter(entry -> entry.id() == PropertyId.USER_PROPERTY)
                .map(entry -> (UserProperty) entry.value())
                .toList();
    }

    private Optional<Object> single(PropertyId id) {
        List<Object> values = entries.stream().filter(entry -> entry.id() == id).map(Entry::value).toList();
        if (values.size() > 1) {
            throw new AssertionError(id + " appears " + values.size() + " times; it may appear at most once");
        }
        return values.stream().findFirst();
    }

    /** Property Length (a Variable Byte Integer) followed by each property: identifier, then its value. */
    void encode(PacketWriter out) {
        PacketWriter body = new PacketWriter();
        for (Entry entry : entries) {
            body.varint(entry.id().id());
            switch (entry.id().kind()) {
                case BYTE -> body.u8((int) (long) (Long) entry.value());
                case TWO_BYTE -> body.u16((int) (long) (Long) entry.value());
                case FOUR_BYTE -> body.u32((Long) entry.value());
                case VARIABLE_BYTE -> body.varint((int) (long) (Long) entry.value());
                case UTF8 -> body.utf8((String) entry.value());
                case BINARY -> body.binary((byte[]) entry.value());
                case UTF8_PAIR -> {
                    UserProperty pair = (UserProperty) entry.value();
                    body.utf8(pair.name()).utf8(pair.value());
                }
            }
        }
        out.varint(body.size()).bytes(body.toByteArray());
    }

    static Properties decode(PacketReader in) {
        int length = in.varint();
        PacketReader body = new PacketReader(in.bytes(length));
        List<Entry> entries = new ArrayList<>();
        while (body.hasRemaining()) {
            PropertyId id = PropertyId.of(body.varint());
            Object value = switch (id.kind()) {
                case BYTE -> (long) body.u8();
                case TWO_BYTE -> (long) body.u16();
                case FOUR_BYTE -> body.u32();
                case VARIABLE_BYTE -> (long) body.varint();
                case UTF8 -> body.utf8();
                case BINARY -> body.binary();
                case UTF8_PAIR -> new UserProperty(body.utf8(), body.utf8());
            };
            entries.add(new Entry(id, value));
        }
        return new Properties(entries);
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
