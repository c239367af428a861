package io.thingbus.http.internal.auth;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;

/** A 401: no usable token. Carries the WWW-Authenticate challenge for the answer (RFC 6750 section 3). */
public final class AuthenticationFailure extends ThingbusException {

    private final String challenge;

    AuthenticationFailure(ErrorCode code, String detail, String challenge) {
        super(code, detail);
        this.challenge = challenge;
    }

    /** The WWW-Authenticate header value. */
    public String challenge() {
        return challenge;
    }
}
