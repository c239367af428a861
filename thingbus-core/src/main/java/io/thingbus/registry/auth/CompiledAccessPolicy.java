package io.thingbus.registry.auth;

import io.thingbus.messaging.TopicFilter;

/**
 * A connection's ACL: allowed when no denial refuses and some grant allows. Grants are the built-in
 * rights of the client's kind and the operator's allow rules; denials are the operator's deny rules
 * and the topics closed to the kind. The parts that do not depend on the client are shared by every
 * connection of its kind; checks allocate nothing.
 */
final class CompiledAccessPolicy implements AccessPolicy {

    private final AccessPolicy[] grants;
    private final DeniedFilters[] denials;

    CompiledAccessPolicy(AccessPolicy[] grants, DeniedFilters[] denials) {
        this.grants = grants;
        this.denials = denials;
    }

    @Override
    public boolean mayPublish(String topic) {
        for (DeniedFilters denied : denials) {
            if (denied.deniesPublish(topic)) {
                return false;
            }
        }
        for (AccessPolicy grant : grants) {
            if (grant.mayPublish(topic)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean maySubscribe(TopicFilter filter) {
        for (DeniedFilters denied : denials) {
            if (denied.deniesSubscribe(filter.filter())) {
                return false;
            }
        }
        for (AccessPolicy grant : grants) {
            if (grant.maySubscribe(filter)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("acl[grants=");
        for (AccessPolicy grant : grants) {
            text.append('{').append(grant).append('}');
        }
        text.append(" denials=");
        for (DeniedFilters denied : denials) {
            text.append('{').append(denied).append('}');
        }
        return text.append(']').toString();
    }
}
