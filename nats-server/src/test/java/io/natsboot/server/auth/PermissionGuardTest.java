package io.natsboot.server.auth;

import io.natsboot.server.options.Permissions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** One connection's permissions at work: caches, responses and the delivery filter. */
class PermissionGuardTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    private static Permissions.SubjectPermission lists(List<String> allow, List<String> deny) {
        Permissions.SubjectPermission p = new Permissions.SubjectPermission();
        p.getAllow().addAll(allow);
        p.getDeny().addAll(deny);
        return p;
    }

    private PermissionGuard guard(Permissions p) {
        return new PermissionGuard(PermissionRules.compile(p), now::get);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void cachedVerdictsStayRightBeyondTheCacheSize() {
        PermissionGuard g = guard(new Permissions().setPublish(lists(List.of("ok.>"), List.of("ok.bad.*"))));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < PermissionGuard.PUBLISH_CACHE_MAX * 2; i++) {
                assertThat(g.canPublish("ok." + i)).isTrue();
                assertThat(g.canPublish("ok.bad." + i)).isFalse();
                assertThat(g.canPublish("no." + i)).isFalse();
                assertThat(g.publishCacheSize()).isLessThanOrEqualTo(PermissionGuard.PUBLISH_CACHE_MAX);
            }
        }
    }

    @Test
    void withoutPublishListsEveryPublishPasses() {
        PermissionGuard g = guard(new Permissions().setSubscribe(lists(List.of("a"), List.of())));
        assertThat(g.canPublish("anything")).isTrue();
        assertThat(g.tracksResponses()).isFalse();
    }

    @Test
    void aResponderWithPublishDeniedMayAnswerOncePerRequest() {
        PermissionGuard g = guard(new Permissions().setResponse(new Permissions.ResponsePermission()));
        assertThat(g.tracksResponses()).isTrue();
        assertThat(g.canPublish("_INBOX.abc")).isFalse();
        g.delivered("_INBOX.abc");
        assertThat(g.canPublish("_INBOX.abc")).isTrue();
        assertThat(g.canPublish("_INBOX.abc")).isFalse();
        g.delivered(null);
        assertThat(g.responsePermits()).isLessThanOrEqualTo(1);
    }

    @Test
    void responsesExpire() {
        PermissionGuard g = guard(new Permissions().setResponse(
                new Permissions.ResponsePermission().setMaxMsgs(3).setExpires(Duration.ofSeconds(1))));
        g.delivered("r");
        assertThat(g.canPublish("r")).isTrue();
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(g.canPublish("r")).isFalse();
    }

    @Test
    void aResponseIsAllowedEvenOnADeniedSubject() {
        PermissionGuard g = guard(new Permissions().setPublish(lists(List.of(), List.of("nope")))
                .setResponse(new Permissions.ResponsePermission().setMaxMsgs(2)));
        g.delivered("nope");
        assertThat(g.canPublish("nope")).isTrue();
        assertThat(g.canPublish("nope")).isTrue();
        assertThat(g.canPublish("nope")).isFalse();
    }

    @Test
    void deliveryIsFilteredOnlyOnceAWildcardSubscriptionCouldOverlapTheDenyList() {
        PermissionGuard g = guard(new Permissions().setSubscribe(lists(List.of(), List.of("sec.>", "qq q1"))));
        assertThat(g.canSubscribe("foo", null)).isTrue();
        assertThat(g.deliveryDenied(bytes("sec.x"))).isFalse();
        assertThat(g.canSubscribe("sec.x", null)).isFalse();
        assertThat(g.deliveryDenied(bytes("sec.x"))).isFalse();
        assertThat(g.canSubscribe(">", null)).isTrue();
        assertThat(g.deliveryDenied(bytes("sec.x"))).isTrue();
        assertThat(g.deliveryDenied(bytes("sec.y.z"))).isTrue();
        assertThat(g.deliveryDenied(bytes("qq"))).isFalse();
        assertThat(g.deliveryDenied(bytes("foo"))).isFalse();
        for (int i = 0; i < PermissionGuard.DELIVERY_CACHE_MAX * 3; i++) {
            assertThat(g.deliveryDenied(bytes("sec." + i))).isTrue();
            assertThat(g.deliveryDenied(bytes("pub." + i))).isFalse();
            assertThat(g.deliveryCacheSize()).isLessThanOrEqualTo(PermissionGuard.DELIVERY_CACHE_MAX);
        }
    }

    @Test
    void noDeliveryFilterWithoutASubscribeDenyList() {
        PermissionGuard g = guard(new Permissions().setSubscribe(lists(List.of("sec.>"), List.of())));
        assertThat(g.canSubscribe("sec.*", null)).isTrue();
        assertThat(g.deliveryDenied(bytes("sec.x"))).isFalse();
    }
}
