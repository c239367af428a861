package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Message;

/** What the session registry tells the rest of the broker: a session ended, a will is due. */
public interface SessionListener {

    /** The session is gone for good: remove its subscriptions everywhere. */
    void sessionEnded(Session session);

    /** A session was read back from storage at start-up: route its subscriptions again. */
    void sessionRestored(Session session);

    /** A will message is due for publication now. */
    void publishWill(Message will);
}
