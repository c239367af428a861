package io.thingbus.http.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Problems;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.provisioning.ProvisioningService;
import java.util.List;

/**
 * {@code POST /api/v1/provisioning/{registrationId}/register}: a device registers itself. A device
 * route: no bearer token; the device's SAS token in {@code Authorization} is the proof
 * {@link ProvisioningService#register} checks. A 401 carries {@code WWW-Authenticate: SharedAccessSignature}.
 */
public final class ProvisioningEndpoints {

    /** The WWW-Authenticate challenge of a refused registration. */
    static final String CHALLENGE = "SharedAccessSignature";

    private final ProvisioningService provisioning;

    public ProvisioningEndpoints(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    /**
     * The body is optional: {@code {"registrationId": ..., "payload": {...}}} as Azure device SDKs send
     * it; a registration id there must be the one in the path, and the payload is not kept. Answers 200
     * with the device configuration document.
     */
    public Response register(Request request) {
        String registrationId = request.pathParameter("registrationId");
        if (request.hasBody()) {
            JsonNode named = request.jsonObject().get("registrationId");
            if (named != null && !named.asText().equals(registrationId)) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "the body names registration '" + named.asText()
                        + "' but the path '" + registrationId + "'");
            }
        }
        List<String> authorization = request.headers().getAll(HttpHeaderNames.AUTHORIZATION);
        try {
            if (authorization.isEmpty()) {
                throw new ThingbusException(ErrorCode.AUTHENTICATION_REQUIRED,
                        "send the device's SAS token: Authorization: SharedAccessSignature sr=...&sig=...&se=...");
            }
            if (authorization.size() > 1) {
                throw new ThingbusException(ErrorCode.BAD_CREDENTIALS, "send one Authorization header");
            }
            return Response.ok(provisioning.register(registrationId, authorization.getFirst()).document());
        } catch (ThingbusException refused) {
            if (refused.code().httpStatus() != 401) {
                throw refused;
            }
            return Problems.of(refused.code(), refused.detail(), request.path())
                    .withHeader(HttpHeaderNames.WWW_AUTHENTICATE.toString(), CHALLENGE);
        }
    }
}
