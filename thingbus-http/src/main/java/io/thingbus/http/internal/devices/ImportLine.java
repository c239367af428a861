package io.thingbus.http.internal.devices;

import io.thingbus.errors.ErrorCode;

/** One line of a bulk import, as read: a device to create, or why the line could not be read. */
sealed interface ImportLine {

    /** The line's number in the file, from 1 (a CSV header is line 1). */
    int line();

    /** A device to create. */
    record Parsed(int line, DeviceSpec spec) implements ImportLine {
    }

    /**
     * A line that names no device the hub could create.
     *
     * @param deviceId the id the line gives, or null when it gives none
     */
    record Unreadable(int line, String deviceId, ErrorCode code, String detail) implements ImportLine {
    }
}
