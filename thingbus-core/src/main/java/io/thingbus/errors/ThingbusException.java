package io.thingbus.errors;

import java.util.Objects;

/**
 * A failure a caller can act on, with its stable {@link ErrorCode} and a detail for people. The API
 * answers it as problem+json with the code's HTTP status; the CLI exits with the code's exit code.
 * The detail must never contain a secret.
 */
public class ThingbusException extends RuntimeException {

    private final ErrorCode code;

    public ThingbusException(ErrorCode code, String detail) {
        super(detail);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** The human-readable detail of this occurrence. */
    public String detail() {
        return getMessage();
    }
}
