package io.thingbus.registry.auth;

import io.thingbus.messaging.TopicFilter;

/**
 * A connection's compiled ACL, made once at connect and asked on every PUBLISH and SUBSCRIBE.
 * Implementations must not allocate per check and must be safe to share between connections of
 * the same shape.
 */
public interface AccessPolicy {

    /** Everything allowed: for hubs that run without authentication (tests, benchmarks). */
    AccessPolicy ALLOW_ALL = new AccessPolicy() {
        @Override
        public boolean mayPublish(String topic) {
            return true;
        }

        @Override
        public boolean maySubscribe(TopicFilter filter) {
            return true;
        }

        @Override
        public String toString() {
            return "allow-all";
        }
    };

    /** Whether the connection may publish to this topic name (also asked for its will at CONNECT). */
    boolean mayPublish(String topic);

    /**
     * Whether the connection may subscribe to this filter (of a shared subscription: its topic filter
     * part). A filter that reaches beyond what the connection may read (such as {@code #}) can be
     * allowed; {@link #mayReceive} then keeps the messages it may not read from it.
     */
    boolean maySubscribe(TopicFilter filter);

    /**
     * Whether a message on this topic may be delivered to the connection through a subscription it
     * was allowed. False for topics denied to it, so a wide filter never reads what a narrow one may
     * not. Asked for every delivery: must not allocate.
     */
    default boolean mayReceive(String topic) {
        return true;
    }
}
