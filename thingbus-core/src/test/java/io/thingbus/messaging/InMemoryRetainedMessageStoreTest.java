package io.thingbus.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryRetainedMessageStoreTest extends RetainedMessageStoreContract {

    private static final int CROWD = 100_000;

    @Override
    protected RetainedMessageStore newStore() {
        return new InMemoryRetainedMessageStore();
    }

    private InMemoryRetainedMessageStore inMemory() {
        return (InMemoryRetainedMessageStore) store;
    }

    @Test
    void aWildcardSubscribeVisitsOnlyTheBranchesItCanMatch() {
        retainCrowdBesideThreeTopics();
        List<String> matches = new ArrayList<>();

        int visits = inMemory().visitMatching("x/#", message -> matches.add(message.topic()));

        assertThat(matches).containsExactlyInAnyOrder("x/1", "x/2", "x/3");
        assertThat(visits).isEqualTo(5); // the root, x and its three children
    }

    @Test
    void aSingleLevelWildcardLooksUpTheNextLevelInEachBranch() {
        retainCrowdBesideThreeTopics();
        List<String> matches = new ArrayList<>();

        int visits = inMemory().visitMatching("+/1", message -> matches.add(message.topic()));

        assertThat(matches).containsExactlyInAnyOrder("other/1", "x/1");
        assertThat(visits).isEqualTo(5); // the root, other, x, other/1 and x/1
    }

    @Test
    void theVisitCountGrowsWithTheMatchingTopics() {
        retainCrowdBesideThreeTopics();

        int visits = inMemory().visitMatching("#", message -> { });

        assertThat(visits).isEqualTo(1 + 2 + CROWD + 3); // the root, other and x, then every topic
    }

    @Test
    void clearingPrunesTheLevelsLeftEmpty() {
        store.put(retained("a/b/c/d"));
        store.put(retained("a/x"));

        store.remove("a/b/c/d");
        assertThat(inMemory().visitMatching("#", message -> { })).isEqualTo(3); // the root, a and a/x

        store.remove("a/x");
        assertThat(inMemory().visitMatching("#", message -> { })).isEqualTo(1);
    }

    @Test
    void handlesTheDeepestTopicOnASmallStack() throws Exception {
        String deepest = "/".repeat(Topics.MAX_LENGTH_BYTES); // 65,536 empty levels
        String deepestFilter = "+/".repeat(Topics.MAX_LENGTH_BYTES / 2) + "#";
        Message message = retained(deepest);
        store.put(message);
        List<Message> matches = new ArrayList<>();

        Thread smallStack = new Thread(null, () -> {
            store.forEachMatching("#", matches::add);
            store.forEachMatching(deepestFilter, matches::add);
            store.forEachMatching(deepest, matches::add);
        }, "small-stack", 128 * 1024);
        smallStack.start();
        smallStack.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(matches).containsExactly(message, message, message);
        assertThat(store.remove(deepest)).isTrue();
        assertThat(inMemory().visitMatching("#", m -> { })).isEqualTo(1);
    }

    private void retainCrowdBesideThreeTopics() {
        for (int i = 0; i < CROWD; i++) {
            store.put(retained("other/" + i));
        }
        store.put(retained("x/1"));
        store.put(retained("x/2"));
        store.put(retained("x/3"));
    }
}
