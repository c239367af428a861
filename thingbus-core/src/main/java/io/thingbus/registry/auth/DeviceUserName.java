package io.thingbus.registry.auth;

/**
 * The device a client claims to be: the second level of an Azure-style user name
 * ({@code {hubName}/{deviceId}/?api-version=...&DeviceClientType=...}), the whole user name when it
 * has no {@code /}, or the client id when there is no user name.
 */
final class DeviceUserName {

    private DeviceUserName() {
    }

    static String deviceId(ClientCredentials credentials) {
        String username = credentials.username();
        if (username == null || username.isEmpty()) {
            return credentials.clientId();
        }
        int hubEnd = username.indexOf('/');
        if (hubEnd < 0) {
            return username;
        }
        int idEnd = username.indexOf('/', hubEnd + 1);
        return username.substring(hubEnd + 1, idEnd < 0 ? username.length() : idEnd);
    }
}
