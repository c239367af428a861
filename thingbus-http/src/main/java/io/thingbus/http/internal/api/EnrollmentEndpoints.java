package io.thingbus.http.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.Role;
import io.thingbus.registry.provisioning.Enrollments;
import io.thingbus.registry.provisioning.GroupEnrollment;
import io.thingbus.registry.provisioning.IndividualEnrollment;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/enrollments/individual}, {@code /api/v1/enrollments/groups} and
 * {@code /api/v1/registrations}: the provisioning allow-list (create, list, show, change status and
 * reprovisioning, remove) and the registration of each id. Keys are made when not given and shown to
 * operators and admins, never to readers.
 */
public final class EnrollmentEndpoints {

    /** Individual enrollments per page when the caller gives no {@code limit}. */
    static final int DEFAULT_PAGE = 100;
    /** The largest {@code limit}. */
    static final int MAX_PAGE = 1000;

    private static final String INDIVIDUAL_PATH = "/api/v1/enrollments/individual/";
    private static final String GROUPS_PATH = "/api/v1/enrollments/groups/";

    private final Enrollments enrollments;

    public EnrollmentEndpoints(Enrollments enrollments) {
        this.enrollments = enrollments;
    }

    /** {@code POST /api/v1/enrollments/individual}: 201 with the enrollment and its keys. */
    public Response createIndividual(Request request) {
        JsonNode body = request.jsonObject();
        Set<String> allowed = new HashSet<>(EnrollmentJson.SETTINGS_MEMBERS);
        allowed.addAll(List.of("registrationId", "deviceId", "parentId"));
        EnrollmentJson.requireOnly(body, allowed);
        IndividualEnrollment created = enrollments.createIndividual(EnrollmentJson.requiredText(body, "registrationId"),
                EnrollmentJson.optionalText(body, "deviceId"), EnrollmentJson.optionalText(body, "parentId"),
                EnrollmentJson.keys(body), EnrollmentJson.settings(body));
        return Response.json(HttpResponseStatus.CREATED, EnrollmentJson.view(created, true))
                .withHeader("Location", INDIVIDUAL_PATH + created.registrationId());
    }

    /**
     * {@code GET /api/v1/enrollments/individual?after=&limit=}: a page in registration id order, with
     * {@code next} (the {@code after} of the next page) when the page is full.
     */
    public Response listIndividuals(Request request) {
        int limit = limit(single(request, "limit"));
        List<IndividualEnrollment> page = enrollments.listIndividuals(single(request, "after"), limit);
        boolean withKeys = showsKeys(request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.stream().map(enrollment -> EnrollmentJson.view(enrollment, withKeys)).toList());
        if (page.size() == limit) {
            answer.put("next", page.getLast().registrationId());
        }
        return Response.ok(answer);
    }

    /** {@code GET /api/v1/enrollments/individual/{registrationId}}. */
    public Response showIndividual(Request request) {
        return Response.ok(EnrollmentJson.view(enrollments.requireIndividual(request.pathParameter("registrationId")),
                showsKeys(request)));
    }

    /** {@code PATCH /api/v1/enrollments/individual/{registrationId}} {@code {"status", "allowReprovisioning"}}. */
    public Response patchIndividual(Request request) {
        return Response.ok(EnrollmentJson.view(enrollments.updateIndividual(request.pathParameter("registrationId"),
                EnrollmentJson.patch(request.jsonObject())), true));
    }

    /** {@code DELETE /api/v1/enrollments/individual/{registrationId}}: 204. */
    public Response removeIndividual(Request request) {
        enrollments.removeIndividual(request.pathParameter("registrationId"));
        return Response.noContent();
    }

    /** {@code POST /api/v1/enrollments/groups}: 201 with the group and its keys. */
    public Response createGroup(Request request) {
        JsonNode body = request.jsonObject();
        Set<String> allowed = new HashSet<>(EnrollmentJson.SETTINGS_MEMBERS);
        allowed.add("groupId");
        EnrollmentJson.requireOnly(body, allowed);
        GroupEnrollment created = enrollments.createGroup(EnrollmentJson.requiredText(body, "groupId"), EnrollmentJson.keys(body),
                EnrollmentJson.settings(body));
        return Response.json(HttpResponseStatus.CREATED, EnrollmentJson.view(created, true))
                .withHeader("Location", GROUPS_PATH + created.groupId());
    }

    /** {@code GET /api/v1/enrollments/groups}: every group, in id order. */
    public Response listGroups(Request request) {
        boolean withKeys = showsKeys(request);
        return Response.ok(Map.of("items", enrollments.groups().stream()
                .map(group -> EnrollmentJson.view(group, withKeys)).toList()));
    }

    /** {@code GET /api/v1/enrollments/groups/{groupId}}. */
    public Response showGroup(Request request) {
        return Response.ok(EnrollmentJson.view(enrollments.requireGroup(request.pathParameter("groupId")), showsKeys(request)));
    }

    /** {@code PATCH /api/v1/enrollments/groups/{groupId}} {@code {"status", "allowReprovisioning"}}. */
    public Response patchGroup(Request request) {
        return Response.ok(EnrollmentJson.view(enrollments.updateGroup(request.pathParameter("groupId"),
                EnrollmentJson.patch(request.jsonObject())), true));
    }

    /** {@code DELETE /api/v1/enrollments/groups/{groupId}}: 204. */
    public Response removeGroup(Request request) {
        enrollments.removeGroup(request.pathParameter("groupId"));
        return Response.noContent();
    }

    /** {@code GET /api/v1/registrations/{registrationId}}: its state; 404 until it has registered. */
    public Response showRegistration(Request request) {
        return Response.ok(EnrollmentJson.view(enrollments.requireRegistration(request.pathParameter("registrationId"))));
    }

    /** {@code DELETE /api/v1/registrations/{registrationId}}: 204; the id may activate once more. */
    public Response removeRegistration(Request request) {
        enrollments.removeRegistration(request.pathParameter("registrationId"));
        return Response.noContent();
    }

    private static boolean showsKeys(Request request) {
        return request.principal().role().includes(Role.OPERATOR);
    }

    /** A query parameter's value, or null when absent; {@link ErrorCode#BAD_REQUEST} when given twice. */
    private static String single(Request request, String name) {
        List<String> values = request.query().getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "query parameter '" + name + "' is given more than once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_PAGE;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException notNumber) {
            // answered below
        }
        throw new ThingbusException(ErrorCode.BAD_REQUEST, "limit must be 1 to " + MAX_PAGE + ", was '" + text + "'");
    }
}
