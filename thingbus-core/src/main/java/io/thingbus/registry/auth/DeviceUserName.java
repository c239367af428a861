package io.thingbus.registry.auth;

/**
 * The device a client claims to be: the second level of an Azure-style user name
 * ({@code {hubName}/{deviceId}/?api-version=...&DeviceClientType=...}), the registration id of a
 * provisioning user name ({@code {idScope}/registrations/{registrationId}/api-version=...}), the whole
 * user name when it has no {@code /}, or the client id when there is no user name.
 */
final class DeviceUserName {

    private static final String REGISTRATIONS = "registrations";

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
        int idEnd = levelEnd(username, hubEnd + 1);
        if (isRegistration(username, hubEnd + 1, idEnd)) {
            return username.substring(idEnd + 1, levelEnd(username, idEnd + 1));
        }
        return username.substring(hubEnd + 1, idEnd);
    }

    /** {@code registrations} followed by a level that is not the query ({@code /?api-version=...}). */
    private static boolean isRegistration(String username, int start, int end) {
        return end - start == REGISTRATIONS.length() && username.startsWith(REGISTRATIONS, start)
                && end + 1 < username.length() && username.charAt(end + 1) != '/' && username.charAt(end + 1) != '?';
    }

    private static int levelEnd(String username, int start) {
        int end = username.indexOf('/', start);
        return end < 0 ? username.length() : end;
    }
}
