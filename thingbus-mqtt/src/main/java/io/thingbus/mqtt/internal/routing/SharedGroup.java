package io.thingbus.mqtt.internal.routing;

import io.thingbus.mqtt.internal.session.Session;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The members of one shared subscription ({@code $share/{group}/{filter}}): each message goes to
 * exactly one of them, round-robin, among members whose ACL lets them receive it, preferring those
 * that are connected.
 *
 * <p>Readers (routing) are lock-free; members change under the index's writer lock.
 */
final class SharedGroup implements IndexEntry {

    private final String group;
    private final List<ClientSubscription> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    SharedGroup(String group) {
        this.group = group;
    }

    String group() {
        return group;
    }

    /** Adds or replaces the member for its session. */
    void put(ClientSubscription member) {
        remove(member.session());
        members.add(member);
    }

    /** Removes the session's membership; true when the group is now empty. */
    boolean remove(Session session) {
        members.removeIf(m -> m.session() == session);
        return members.isEmpty();
    }

    @Override
    public void collect(RoutedMessage routed, DeliveryPlan plan) {
        List<ClientSubscription> snapshot = members;
        int size = snapshot.size();
        if (size == 0) {
            return;
        }
        String topic = routed.message().topic();
        int start = Math.floorMod(next.getAndIncrement(), size);
        ClientSubscription chosen = null;
        for (int i = 0; i < size; i++) {
            ClientSubscription candidate = snapshot.get((start + i) % size);
            if (!candidate.session().mayReceive(topic)) {
                continue;
            }
            if (chosen == null) {
                chosen = candidate;
            }
            if (candidate.session().isConnected()) {
                chosen = candidate;
                break;
            }
        }
        if (chosen != null) {
            plan.addShared(chosen.session(), chosen.subscription(), routed.message());
        }
    }
}
