package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Message;
import java.util.ArrayList;
import java.util.List;

/** Records what the registry tells the broker: ended and restored sessions and published wills, in order. */
final class RecordingSessionListener implements SessionListener {

    final List<Session> ended = new ArrayList<>();
    final List<Session> restored = new ArrayList<>();
    final List<Message> wills = new ArrayList<>();

    @Override
    public void sessionEnded(Session session) {
        ended.add(session);
    }

    @Override
    public void sessionRestored(Session session) {
        restored.add(session);
    }

    @Override
    public void publishWill(Message will) {
        wills.add(will);
    }

    List<String> willTopics() {
        return wills.stream().map(Message::topic).toList();
    }
}
