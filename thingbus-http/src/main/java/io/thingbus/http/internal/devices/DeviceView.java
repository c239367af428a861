package io.thingbus.http.internal.devices;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceCredentials;
import io.thingbus.registry.Role;
import io.thingbus.registry.ServicePrincipal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device as the API shows it:
 * <pre>{"deviceId", "status": "enabled"|"disabled", "tags": {}, "parentId": null|"...", "partition": n,
 *  "created", "updated", "x509Thumbprints": {"primary", "secondary"} (when set),
 *  "primaryKey", "secondaryKey", "connectionString" (operator and admin only)}</pre>
 * Times are ISO-8601 in UTC; tags in name order. The connection string is what Azure IoT device SDKs
 * take: {@code HostName={hostname};DeviceId={id};SharedAccessKey={primaryKey}}.
 */
final class DeviceView {

    /** Where the API serves devices; a device's own path follows. */
    static final String COLLECTION = "/api/v1/devices";

    private final String hostname;

    DeviceView(String hostname) {
        this.hostname = hostname;
    }

    /** Whether {@code caller} sees keys and connection strings: operators and admins do, readers do not. */
    static boolean showsKeysTo(ServicePrincipal caller) {
        return caller.role().includes(Role.OPERATOR);
    }

    /** The device's path, its id percent-encoded as one segment. */
    static String location(String deviceId) {
        return COLLECTION + "/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8);
    }

    /** The view of {@code device} for {@code caller}. */
    Map<String, Object> render(Device device, ServicePrincipal caller) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("deviceId", device.id());
        view.put("status", device.status().wireName());
        view.put("tags", new TreeMap<>(device.tags()));
        view.put("parentId", device.parentId());
        view.put("partition", device.partition());
        view.put("created", device.created().toString());
        view.put("updated", device.updated().toString());
        DeviceCredentials credentials = device.credentials();
        if (credentials.primaryThumbprint() != null || credentials.secondaryThumbprint() != null) {
            Map<String, Object> thumbprints = new LinkedHashMap<>();
            thumbprints.put("primary", credentials.primaryThumbprint());
            thumbprints.put("secondary", credentials.secondaryThumbprint());
            view.put("x509Thumbprints", thumbprints);
        }
        if (showsKeysTo(caller)) {
            view.put("primaryKey", credentials.primaryKey());
            view.put("secondaryKey", credentials.secondaryKey());
            view.put("connectionString", "HostName=" + hostname + ";DeviceId=" + device.id() + ";SharedAccessKey="
                    + credentials.primaryKey());
        }
        return view;
    }
}
