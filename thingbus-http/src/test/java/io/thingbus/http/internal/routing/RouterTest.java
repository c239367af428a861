package io.thingbus.http.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.registry.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final RouteHandler ME = request -> Response.ok("me");
    private static final RouteHandler SHOW = request -> Response.ok("show");
    private static final RouteHandler REMOVE = request -> Response.noContent();
    private static final RouteHandler HEALTH = request -> Response.ok("up");

    private final Router router = Router.builder()
            .publicRoute(HttpMethod.GET, "/health", HEALTH)
            .route(HttpMethod.GET, "/api/v1/principals/{name}", Role.ADMIN, SHOW)
            .route(HttpMethod.DELETE, "/api/v1/principals/{name}", Role.ADMIN, REMOVE)
            .route(HttpMethod.GET, "/api/v1/principals/me", Role.READER, ME)
            .build();

    @Test
    void findsTheRouteOfMethodAndPathWithItsParameters() {
        Resolution resolution = router.resolve(HttpMethod.GET, "/api/v1/principals/ci");

        assertThat(resolution).isInstanceOfSatisfying(Resolution.Found.class, found -> {
            assertThat(found.route().handler()).isSameAs(SHOW);
            assertThat(found.route().requiredRole()).isEqualTo(Role.ADMIN);
            assertThat(found.parameters()).isEqualTo(Map.of("name", "ci"));
        });
    }

    @Test
    void literalTemplateWinsOverAParameterWhateverTheOrderOfRegistration() {
        assertThat(router.resolve(HttpMethod.GET, "/api/v1/principals/me"))
                .isInstanceOfSatisfying(Resolution.Found.class, found -> assertThat(found.route().handler()).isSameAs(ME));
    }

    @Test
    void parameterTemplateStillServesOtherMethodsOnTheLiteralPath() {
        assertThat(router.resolve(HttpMethod.DELETE, "/api/v1/principals/me"))
                .isInstanceOfSatisfying(Resolution.Found.class, found -> {
                    assertThat(found.route().handler()).isSameAs(REMOVE);
                    assertThat(found.parameters()).containsEntry("name", "me");
                });
    }

    @Test
    void knownPathWithAnotherMethodIsMethodNotAllowedListingTheAllowedOnes() {
        assertThat(router.resolve(HttpMethod.POST, "/api/v1/principals/ci"))
                .isEqualTo(new Resolution.MethodNotAllowed(java.util.Set.of(HttpMethod.GET, HttpMethod.DELETE)));
        assertThat(router.resolve(HttpMethod.PUT, "/health"))
                .isEqualTo(new Resolution.MethodNotAllowed(java.util.Set.of(HttpMethod.GET)));
    }

    @Test
    void unknownPathIsNotFound() {
        assertThat(router.resolve(HttpMethod.GET, "/nothing")).isInstanceOf(Resolution.NotFound.class);
        assertThat(router.resolve(HttpMethod.GET, "/api/v1/principals/ci/extra")).isInstanceOf(Resolution.NotFound.class);
    }

    @Test
    void apiRoutesNeedARoleAndNoOtherRouteMayHaveOne() {
        assertThatThrownBy(() -> Router.builder().publicRoute(HttpMethod.GET, "/api/v1/open", HEALTH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Router.builder().route(HttpMethod.GET, "/status", Role.READER, HEALTH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Router.builder().route(HttpMethod.GET, "/api/v1/x", null, HEALTH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deviceRoutesAreApiRoutesWithoutARole() {
        Router withDevice = Router.builder()
                .deviceRoute(HttpMethod.POST, "/api/v1/provisioning/{registrationId}/register", HEALTH)
                .build();

        assertThat(withDevice.resolve(HttpMethod.POST, "/api/v1/provisioning/reg-1/register"))
                .isInstanceOfSatisfying(Resolution.Found.class, found -> {
                    assertThat(found.route().authenticatesDevice()).isTrue();
                    assertThat(found.route().access()).isEqualTo(RouteAccess.DEVICE);
                    assertThat(found.route().requiredRole()).isNull();
                    assertThat(found.route().toString()).endsWith("(device)");
                });
        assertThat(router.resolve(HttpMethod.GET, "/api/v1/principals/me"))
                .isInstanceOfSatisfying(Resolution.Found.class, found -> assertThat(found.route().authenticatesDevice()).isFalse());
        assertThatThrownBy(() -> Router.builder().deviceRoute(HttpMethod.POST, "/register", HEALTH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesADuplicateRoute() {
        assertThatThrownBy(() -> Router.builder()
                .publicRoute(HttpMethod.GET, "/health", HEALTH)
                .publicRoute(HttpMethod.GET, "/health", HEALTH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void apiPathsAreTheApiRootAndEverythingBelowIt() {
        assertThat(Router.isApiPath("/api/v1")).isTrue();
        assertThat(Router.isApiPath("/api/v1/anything/at/all")).isTrue();
        assertThat(Router.isApiPath("/api/v10")).isFalse();
        assertThat(Router.isApiPath("/health")).isFalse();
    }
}
