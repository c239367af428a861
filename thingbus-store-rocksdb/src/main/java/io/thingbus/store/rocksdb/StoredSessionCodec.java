package io.thingbus.store.rocksdb;

import io.thingbus.messaging.Qos;
import io.thingbus.messaging.RetainHandling;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.messaging.Will;
import io.thingbus.storage.StoredSession;
import java.util.ArrayList;
import java.util.List;

/**
 * The value format of a {@link StoredSession} in the {@code sessions} column family. The client id is
 * the key, so the value holds only the rest.
 *
 * <p>Version 1:
 * <pre>
 * byte     version (1)
 * svarlong session expiry interval (s)
 * svarlong disconnected at (ms), -1 while connected
 * varint   subscription count, then each:
 *   byte     flags: bits 0-1 maximum QoS, bit 2 no local, bit 3 retain as published,
 *            bits 4-5 retain handling, bit 6 shared; bit 7 0
 *   string   share name                    if bit 6
 *   string   filter
 *   varint   subscription identifier (0 for none)
 * byte     1 when a will follows, else 0
 * svarlong will delay (s)                  if a will
 * bytes    will message, as {@link MessageCodec} writes it (with its own version)   if a will
 * </pre>
 */
final class StoredSessionCodec {

    static final int VERSION = 1;

    private static final int QOS_MASK = 0b11;
    private static final int NO_LOCAL = 1 << 2;
    private static final int RETAIN_AS_PUBLISHED = 1 << 3;
    private static final int RETAIN_HANDLING_SHIFT = 4;
    private static final int SHARED = 1 << 6;
    private static final String WHAT = "session value";

    private StoredSessionCodec() {
    }

    static byte[] encode(StoredSession session) {
        ValueWriter out = new ValueWriter(32 + session.subscriptions().size() * 24);
        out.writeByte(VERSION)
                .writeSignedVarLong(session.expiryIntervalSeconds())
                .writeSignedVarLong(session.disconnectedAtMillis())
                .writeVarInt(session.subscriptions().size());
        for (Subscription subscription : session.subscriptions()) {
            TopicFilter filter = subscription.filter();
            int flags = subscription.maxQos().value()
                    | (subscription.noLocal() ? NO_LOCAL : 0)
                    | (subscription.retainAsPublished() ? RETAIN_AS_PUBLISHED : 0)
                    | subscription.retainHandling().ordinal() << RETAIN_HANDLING_SHIFT
                    | (filter.isShared() ? SHARED : 0);
            out.writeByte(flags);
            if (filter.isShared()) {
                out.writeString(filter.shareGroup());
            }
            out.writeString(filter.filter()).writeVarInt(subscription.subscriptionId());
        }
        Will will = session.will();
        out.writeByte(will == null ? 0 : 1);
        if (will != null) {
            out.writeSignedVarLong(will.delaySeconds()).writeBytes(MessageCodec.encode(will.message()));
        }
        return out.toByteArray();
    }

    static StoredSession decode(String clientId, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        long expiryInterval = in.readSignedVarLong();
        long disconnectedAt = in.readSignedVarLong();
        int count = in.readVarInt();
        if (count < 0 || count > in.remaining() / 3) {
            throw in.corrupt("a subscription count of " + Integer.toUnsignedString(count));
        }
        List<Subscription> subscriptions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            subscriptions.add(readSubscription(in));
        }
        Will will = switch (in.readUnsignedByte()) {
            case 0 -> null;
            case 1 -> {
                long delay = in.readSignedVarLong();
                yield new Will(MessageCodec.decode(in.readBytes()), delay);
            }
            default -> throw in.corrupt("an unknown will marker");
        };
        in.expectEnd();
        return new StoredSession(clientId, expiryInterval, disconnectedAt, subscriptions, will);
    }

    private static Subscription readSubscription(ValueReader in) {
        int flags = in.readUnsignedByte();
        int retainHandling = (flags >>> RETAIN_HANDLING_SHIFT) & 0b11;
        if ((flags & 0x80) != 0 || (flags & QOS_MASK) == 3 || retainHandling == 3) {
            throw in.corrupt("unknown subscription flags " + Integer.toBinaryString(flags));
        }
        String shareGroup = (flags & SHARED) != 0 ? in.readString() : null;
        String filter = in.readString();
        int subscriptionId = in.readVarInt();
        TopicFilter topicFilter;
        try {
            topicFilter = new TopicFilter(shareGroup, filter);
        } catch (IllegalArgumentException e) {
            throw in.corrupt("an invalid topic filter: " + e.getMessage());
        }
        return new Subscription(topicFilter, Qos.of(flags & QOS_MASK), (flags & NO_LOCAL) != 0,
                (flags & RETAIN_AS_PUBLISHED) != 0, RetainHandling.of(retainHandling), subscriptionId);
    }
}
