package io.thingbus.http.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void literalTemplateMatchesOnlyItsPath() {
        PathTemplate health = PathTemplate.parse("/health");

        assertThat(health.match("/health")).isEmpty();
        assertThat(health.match("/health/")).isNull();
        assertThat(health.match("/healthz")).isNull();
        assertThat(health.match("/")).isNull();
    }

    @Test
    void parameterMatchesOneWholeNonEmptySegment() {
        PathTemplate template = PathTemplate.parse("/api/v1/principals/{name}");

        assertThat(template.match("/api/v1/principals/ci")).isEqualTo(Map.of("name", "ci"));
        assertThat(template.match("/api/v1/principals/")).isNull();
        assertThat(template.match("/api/v1/principals")).isNull();
        assertThat(template.match("/api/v1/principals/ci/keys")).isNull();
    }

    @Test
    void aPlusSignInAPathSegmentIsAPlusSignNotASpace() {
        PathTemplate template = PathTemplate.parse("/api/v1/principals/{name}");

        assertThat(template.match("/api/v1/principals/a+b")).isEqualTo(Map.of("name", "a+b"));
        assertThat(template.match("/api/v1/principals/a%20b")).isEqualTo(Map.of("name", "a b"));
    }

    @Test
    void parameterValuesAreDecodedAfterSplittingSoAnEncodedSlashStaysInside() {
        PathTemplate template = PathTemplate.parse("/devices/{id}/twin");

        assertThat(template.match("/devices/room%2F7%20b/twin")).isEqualTo(Map.of("id", "room/7 b"));
    }

    @Test
    void literalSegmentsCompareDecoded() {
        assertThat(PathTemplate.parse("/$iothub/websocket").match("/%24iothub/websocket")).isEmpty();
    }

    @Test
    void severalParametersKeepTheirOrder() {
        PathTemplate template = PathTemplate.parse("/a/{first}/b/{second}");

        assertThat(template.match("/a/1/b/2")).containsExactly(Map.entry("first", "1"), Map.entry("second", "2"));
    }

    @Test
    void rootTemplateMatchesTheRootOnly() {
        assertThat(PathTemplate.parse("/").match("/")).isEmpty();
        assertThat(PathTemplate.parse("/").match("/x")).isNull();
    }

    @Test
    void literalSegmentsOutrankParametersFromTheLeft() {
        assertThat(PathTemplate.parse("/p/me").specificity()).isGreaterThan(PathTemplate.parse("/p/{name}").specificity());
        assertThat(PathTemplate.parse("/p/{a}/x").specificity()).isLessThan(PathTemplate.parse("/p/x/{b}").specificity());
    }

    @Test
    void refusesMalformedTemplates() {
        assertThatThrownBy(() -> PathTemplate.parse("health")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a/{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a/x}y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/{id}/{id}")).isInstanceOf(IllegalArgumentException.class);
    }
}
