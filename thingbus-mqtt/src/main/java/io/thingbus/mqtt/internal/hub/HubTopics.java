package io.thingbus.mqtt.internal.hub;

import io.thingbus.mqtt.HubServices;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The topic families the hub serves itself, asked by {@code PublishHandler} after a PUBLISH passed the
 * ACL and before it is routed. A publish none of them serves is routed as usual.
 */
public final class HubTopics {

    /** No family served: everything is routed. */
    public static final HubTopics NONE = new HubTopics(List.of());

    private final HubTopic[] families;

    /** Serves {@code families}, asked in this order. */
    public HubTopics(List<HubTopic> families) {
        this.families = families.toArray(HubTopic[]::new);
    }

    /**
     * The families of the services that are on.
     *
     * @param workers where slow work (a registration) runs, off the event loops
     */
    public static HubTopics of(HubServices services, Executor workers, Clock clock) {
        List<HubTopic> families = new ArrayList<>(2);
        if (services.telemetry() != null) {
            families.add(new DeviceTelemetryTopic(services.telemetry(), services.devices()));
        }
        if (services.provisioning() != null) {
            families.add(new ProvisioningTopic(services.provisioning(), workers, clock));
        }
        return new HubTopics(families);
    }

    /** The family that serves {@code topic}, or null when it is an ordinary topic. Allocates nothing. */
    public HubTopic find(String topic) {
        for (HubTopic family : families) {
            if (family.serves(topic)) {
                return family;
            }
        }
        return null;
    }
}
