package io.thingbus.http.internal.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.ServicePrincipal;
import io.thingbus.registry.ServicePrincipals;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is calling: the {@code Authorization: Bearer <token>} header (RFC 6750) checked against the
 * service principals. The token never appears in an answer or a log line.
 */
public final class BearerAuthenticator {

    static final String REALM = "Bearer realm=\"thingbus\"";
    private static final String SCHEME = "bearer ";
    /** RFC 6750 b64token. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final ServicePrincipals principals;

    public BearerAuthenticator(ServicePrincipals principals) {
        this.principals = principals;
    }

    /** The caller; {@link AuthenticationFailure} when the header is missing, malformed or the token unknown. */
    public ServicePrincipal authenticate(HttpHeaders headers) {
        List<String> values = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (values.isEmpty()) {
            throw new AuthenticationFailure(ErrorCode.AUTHENTICATION_REQUIRED,
                    "send a bearer token: Authorization: Bearer <token>", REALM);
        }
        String value = values.getFirst();
        if (values.size() > 1 || value.length() <= SCHEME.length()
                || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw invalid("the Authorization header must be 'Bearer <token>'");
        }
        String token = value.substring(SCHEME.length()).strip();
        if (!TOKEN.matcher(token).matches()) {
            throw invalid("the Authorization header must be 'Bearer <token>'");
        }
        return principals.authenticate(token).orElseThrow(() -> invalid("the token is not valid"));
    }

    private static AuthenticationFailure invalid(String detail) {
        return new AuthenticationFailure(ErrorCode.INVALID_TOKEN, detail, REALM + ", error=\"invalid_token\"");
    }
}
