package io.thingbus.sim.bench.device;

import io.thingbus.registry.auth.SasToken;
import io.thingbus.sim.bench.client.ConnectIdentity;
import java.time.Instant;

/**
 * Signs what a bench device presents, as an Azure IoT device SDK holding a key derived from a group
 * key does: its MQTT CONNECT (client id = device id, user name
 * {@code {hostname}/{deviceId}/?api-version=2021-04-12}, a SAS token for
 * {@code {hostname}/devices/{deviceId}} as password) and its provisioning token.
 *
 * @param hostname the host name devices were given; the hub does not check it
 * @param expiry when every token signed here expires
 */
public record DeviceSigner(GroupKey groupKey, String hostname, Instant expiry) {

    /** The api-version an Azure device SDK puts in the user name. */
    public static final String API_VERSION = "2021-04-12";

    public DeviceSigner {
        if (hostname == null || hostname.isEmpty() || hostname.contains("/")) {
            throw new IllegalArgumentException("--sas-hostname must be a host name without '/', got '" + hostname + "'");
        }
    }

    /** What device {@code deviceId} puts in its CONNECT. */
    public ConnectIdentity identity(String deviceId) {
        String token = SasToken.sign(hostname + "/devices/" + deviceId, groupKey.deviceKey(deviceId), expiry);
        return new ConnectIdentity(deviceId, hostname + "/" + deviceId + "/?api-version=" + API_VERSION, token);
    }

    /**
     * The {@code Authorization} value device {@code registrationId} registers with: a SAS token for
     * {@code {scope}/registrations/{registrationId}} with key name {@code registration}, as the Azure
     * provisioning SDKs make it.
     */
    public String registrationToken(String scope, String registrationId) {
        return SasToken.sign(scope + "/registrations/" + registrationId, groupKey.deviceKey(registrationId), expiry)
                + "&skn=registration";
    }
}
