package io.thingbus.errors;

/**
 * The hub's error taxonomy: one stable code per failure a client can cause or meet, mapped once to
 * its MQTT 5 reason code, its MQTT 3.1.1 CONNACK return code (where a connect can fail with it),
 * its HTTP status and its CLI exit code. Codes are a public contract: append, never reorder or
 * rename (the name is the {@code code} of an HTTP problem, the position gives the exit code).
 */
public enum ErrorCode {
    UNSPECIFIED(0x80, 0x03, 500, "unspecified error"),
    MALFORMED_PACKET(0x81, -1, 400, "malformed packet"),
    PROTOCOL_ERROR(0x82, -1, 400, "protocol error"),
    IMPLEMENTATION_SPECIFIC(0x83, -1, 400, "implementation specific error"),
    UNSUPPORTED_PROTOCOL_VERSION(0x84, 0x01, 400, "unsupported protocol version"),
    CLIENT_ID_INVALID(0x85, 0x02, 400, "client identifier not valid"),
    BAD_CREDENTIALS(0x86, 0x04, 401, "bad user name or password"),
    NOT_AUTHORIZED(0x87, 0x05, 403, "not authorized"),
    SERVER_UNAVAILABLE(0x88, 0x03, 503, "server unavailable"),
    SERVER_BUSY(0x89, 0x03, 503, "server busy"),
    BANNED(0x8A, 0x05, 403, "banned"),
    SERVER_SHUTTING_DOWN(0x8B, -1, 503, "server shutting down"),
    BAD_AUTHENTICATION_METHOD(0x8C, 0x05, 401, "bad authentication method"),
    KEEP_ALIVE_TIMEOUT(0x8D, -1, 408, "keep alive timeout"),
    SESSION_TAKEN_OVER(0x8E, -1, 409, "session taken over"),
    TOPIC_FILTER_INVALID(0x8F, -1, 400, "topic filter invalid"),
    TOPIC_NAME_INVALID(0x90, -1, 400, "topic name invalid"),
    RECEIVE_MAXIMUM_EXCEEDED(0x93, -1, 429, "receive maximum exceeded"),
    TOPIC_ALIAS_INVALID(0x94, -1, 400, "topic alias invalid"),
    PACKET_TOO_LARGE(0x95, -1, 413, "packet too large"),
    QUOTA_EXCEEDED(0x97, -1, 429, "quota exceeded"),
    PAYLOAD_FORMAT_INVALID(0x99, -1, 400, "payload format invalid"),
    RETAIN_NOT_SUPPORTED(0x9A, -1, 400, "retain not supported"),
    QOS_NOT_SUPPORTED(0x9B, -1, 400, "QoS not supported"),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E, -1, 400, "shared subscriptions not supported"),
    CONNECTION_RATE_EXCEEDED(0x9F, 0x03, 429, "connection rate exceeded"),
    // HTTP only: never sent over MQTT (reason code -1)
    NOT_FOUND(-1, -1, 404, "not found"),
    METHOD_NOT_ALLOWED(-1, -1, 405, "method not allowed"),
    BAD_REQUEST(-1, -1, 400, "bad request"),
    INVALID_JSON(-1, -1, 400, "invalid JSON"),
    AUTHENTICATION_REQUIRED(-1, -1, 401, "authentication required"),
    INVALID_TOKEN(-1, -1, 401, "invalid token"),
    PAYLOAD_TOO_LARGE(-1, -1, 413, "payload too large"),
    CONFLICT(-1, -1, 409, "conflict");

    private final int mqttReasonCode;
    private final int mqtt3ConnectReturnCode;
    private final int httpStatus;
    private final String description;

    ErrorCode(int mqttReasonCode, int mqtt3ConnectReturnCode, int httpStatus, String description) {
        this.mqttReasonCode = mqttReasonCode;
        this.mqtt3ConnectReturnCode = mqtt3ConnectReturnCode;
        this.httpStatus = httpStatus;
        this.description = description;
    }

    /**
     * The MQTT 5 reason code (CONNACK, DISCONNECT, PUBACK, SUBACK...), or -1 for the HTTP-only codes
     * (from {@link #NOT_FOUND} on), which no MQTT packet carries.
     */
    public int mqttReasonCode() {
        return mqttReasonCode;
    }

    /**
     * The MQTT 3.1.1 CONNACK return code for a refused connect, or -1 when 3.1.1 has none and the
     * hub simply closes the connection.
     */
    public int mqtt3ConnectReturnCode() {
        return mqtt3ConnectReturnCode;
    }

    /** The HTTP status of the problem+json answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A short human description, also the MQTT 5 reason string's prefix. */
    public String description() {
        return description;
    }

    /** The process exit code a CLI command uses when it fails with this error. */
    public int cliExitCode() {
        return 10 + ordinal();
    }
}
