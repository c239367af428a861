package io.thingbus.messaging;

/** MQTT topic matching written as plainly as the spec states it, to check the fast implementations against. */
final class ReferenceMatcher {

    private ReferenceMatcher() {
    }

    static boolean matches(String filter, String topic) {
        String[] filterLevels = filter.split("/", -1);
        String[] topicLevels = topic.split("/", -1);
        boolean firstLevelIsWildcard = filterLevels[0].equals("+") || filterLevels[0].equals("#");
        if (topic.startsWith("$") && firstLevelIsWildcard) {
            return false;
        }
        for (int i = 0; i < filterLevels.length; i++) {
            if (filterLevels[i].equals("#")) {
                return true; // the parent level, then any number of levels
            }
            if (i == topicLevels.length) {
                return false;
            }
            if (!filterLevels[i].equals("+") && !filterLevels[i].equals(topicLevels[i])) {
                return false;
            }
        }
        return filterLevels.length == topicLevels.length;
    }
}
