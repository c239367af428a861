package io.thingbus.registry.auth;

import io.thingbus.registry.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a connection's {@link AccessPolicy} once, at connect, from its identity, its built-in
 * rights and the operator's {@link AclRules}.
 *
 * <ul>
 *   <li>A device: its built-in rights ({@link DeviceRights}, children included) and the allow rules.</li>
 *   <li>A token client: its claims and the allow rules, never a device topic
 *       ({@code devices/#}, {@code $iothub/#}, {@code $dps/#}).</li>
 *   <li>A service principal: {@link ServiceRights}; allow rules add nothing to them.</li>
 *   <li>A user: the allow rules only. An anonymous client: the allow rules, never a device topic.</li>
 *   <li>A device registering itself: {@link ProvisioningRights} and the allow rules, never a device's
 *       own topics ({@code devices/#}, {@code $iothub/#}).</li>
 * </ul>
 *
 * Deny rules take away from all of them. Rules without placeholders are compiled once per client
 * kind and shared by every connection; a user, service or anonymous client whose rules have no
 * placeholders gets one policy object shared by all of its kind. Safe for concurrent use.
 */
public final class AclCompiler {

    /** Topics that only devices (and the hub) use: closed to token and anonymous clients whatever else says. */
    static final List<String> DEVICE_FAMILIES = List.of("devices/#", "$iothub/#", "$dps/#");
    /** The topics of registered devices: closed to a device that is still registering. */
    static final List<String> REGISTERED_DEVICE_FAMILIES = List.of("devices/#", "$iothub/#");
    /** The kinds without built-in rights. */
    private static final Set<ClientIdentity.Kind> RULES_ONLY = EnumSet.of(ClientIdentity.Kind.USER,
            ClientIdentity.Kind.ANONYMOUS);

    private final GatewayChildren gateways;
    private final Map<ClientIdentity.Kind, KindRules> rulesByKind = new EnumMap<>(ClientIdentity.Kind.class);
    private final Map<ClientIdentity.Kind, AccessPolicy> sharedByKind = new EnumMap<>(ClientIdentity.Kind.class);
    private final Map<ServiceRights, AccessPolicy> sharedByServiceRights = new EnumMap<>(ServiceRights.class);
    /** Every registering device's policy, when the rules for them have no placeholders; else null. */
    private final AccessPolicy sharedProvisioning;

    public AclCompiler(AclRules rules, GatewayChildren gateways) {
        this.gateways = gateways;
        for (ClientIdentity.Kind kind : ClientIdentity.Kind.values()) {
            KindRules kindRules = KindRules.of(kind, rules);
            rulesByKind.put(kind, kindRules);
            if (RULES_ONLY.contains(kind) && !kindRules.hasPlaceholders()) {
                sharedByKind.put(kind, compile(kindRules, null, null));
            }
        }
        KindRules services = rulesByKind.get(ClientIdentity.Kind.SERVICE);
        if (!services.hasPlaceholders()) {
            for (ServiceRights rights : ServiceRights.values()) {
                sharedByServiceRights.put(rights, compile(services, rights, null));
            }
        }
        KindRules provisioning = rulesByKind.get(ClientIdentity.Kind.PROVISIONING);
        this.sharedProvisioning = provisioning.hasPlaceholders() ? null
                : compile(provisioning, ProvisioningRights.INSTANCE, null);
    }

    /** A device's policy: its built-in rights (its children's too) and the rules. */
    public AccessPolicy forDevice(AclSubject subject) {
        return compile(kindRules(subject, ClientIdentity.Kind.DEVICE), new DeviceRights(subject.identity().name(), gateways),
                subject);
    }

    /**
     * A token client's policy: the filters of its claims and the rules.
     *
     * @throws IllegalArgumentException naming a claimed filter that is not a valid MQTT topic filter
     */
    public AccessPolicy forToken(AclSubject subject, List<String> publish, List<String> subscribe) {
        GrantedFilters claims = new GrantedFilters(TopicPatterns.of(publish), TopicPatterns.of(subscribe));
        return compile(kindRules(subject, ClientIdentity.Kind.TOKEN), claims, subject);
    }

    /** A service principal's policy: {@link ServiceRights} of its role, less what deny rules take. */
    public AccessPolicy forService(AclSubject subject, Role role) {
        ServiceRights rights = ServiceRights.of(role);
        AccessPolicy shared = sharedByServiceRights.get(rights);
        return shared != null ? shared : compile(kindRules(subject, ClientIdentity.Kind.SERVICE), rights, subject);
    }

    /**
     * A device registering itself over MQTT: {@link ProvisioningRights} and the rules, never a registered
     * device's topics.
     */
    public AccessPolicy forProvisioning(AclSubject subject) {
        KindRules rules = kindRules(subject, ClientIdentity.Kind.PROVISIONING);
        return sharedProvisioning != null ? sharedProvisioning : compile(rules, ProvisioningRights.INSTANCE, subject);
    }

    /** The policy of a client without built-in rights (a user, an anonymous client): the rules only. */
    public AccessPolicy forRulesOnly(AclSubject subject) {
        ClientIdentity.Kind kind = subject.identity().kind();
        if (!RULES_ONLY.contains(kind)) {
            throw new IllegalArgumentException("a " + kind + " identity has built-in rights: " + subject.identity());
        }
        AccessPolicy shared = sharedByKind.get(kind);
        return shared != null ? shared : compile(rulesByKind.get(kind), null, subject);
    }

    private KindRules kindRules(AclSubject subject, ClientIdentity.Kind expected) {
        if (subject.identity().kind() != expected) {
            throw new IllegalArgumentException("not a " + expected + " identity: " + subject.identity());
        }
        return rulesByKind.get(expected);
    }

    /** @param subject null when the kind's rules have no placeholders */
    private static AccessPolicy compile(KindRules rules, AccessPolicy builtIn, AclSubject subject) {
        List<AccessPolicy> grants = new ArrayList<>(3);
        List<DeniedFilters> denials = new ArrayList<>(2);
        if (builtIn != null) {
            grants.add(builtIn);
        }
        if (!rules.allows().isEmpty()) {
            grants.add(rules.allows());
        }
        if (!rules.denials().isEmpty()) {
            denials.add(rules.denials());
        }
        if (subject != null && rules.hasPlaceholders()) {
            GrantedFilters allows = rules.resolveAllows(subject);
            if (!allows.isEmpty()) {
                grants.add(allows);
            }
            DeniedFilters denied = rules.resolveDenials(subject);
            if (!denied.isEmpty()) {
                denials.add(denied);
            }
        }
        return new CompiledAccessPolicy(grants.toArray(AccessPolicy[]::new), denials.toArray(DeniedFilters[]::new));
    }

    /**
     * The rules of one client kind: those without placeholders compiled, those with placeholders kept as
     * templates for each connection.
     */
    private record KindRules(GrantedFilters allows, DeniedFilters denials, List<TemplateRule> templates) {

        static KindRules of(ClientIdentity.Kind kind, AclRules rules) {
            boolean allowsCount = kind != ClientIdentity.Kind.SERVICE;
            FilterLists fixed = new FilterLists();
            List<TemplateRule> templates = new ArrayList<>();
            if (kind == ClientIdentity.Kind.TOKEN || kind == ClientIdentity.Kind.ANONYMOUS) {
                for (String family : DEVICE_FAMILIES) {
                    fixed.add(AclRule.Effect.DENY, AclRule.Action.ALL, family);
                }
            }
            if (kind == ClientIdentity.Kind.PROVISIONING) {
                for (String family : REGISTERED_DEVICE_FAMILIES) {
                    fixed.add(AclRule.Effect.DENY, AclRule.Action.ALL, family);
                }
            }
            for (AclRule rule : rules.rules()) {
                if (!rule.clients().include(kind) || rule.effect() == AclRule.Effect.ALLOW && !allowsCount) {
                    continue;
                }
                TopicTemplate template = TopicTemplate.parse(rule.topic());
                if (template.hasPlaceholders()) {
                    templates.add(new TemplateRule(rule.effect(), rule.action(), template));
                } else {
                    fixed.add(rule.effect(), rule.action(), rule.topic());
                }
            }
            return new KindRules(fixed.allows(), fixed.denials(), List.copyOf(templates));
        }

        boolean hasPlaceholders() {
            return !templates.isEmpty();
        }

        GrantedFilters resolveAllows(AclSubject subject) {
            FilterLists lists = new FilterLists();
            for (TemplateRule rule : templates) {
                if (rule.effect() == AclRule.Effect.ALLOW) {
                    lists.add(rule.effect(), rule.action(), rule.template().resolve(subject, false));
                }
            }
            return lists.allows();
        }

        DeniedFilters resolveDenials(AclSubject subject) {
            FilterLists lists = new FilterLists();
            for (TemplateRule rule : templates) {
                if (rule.effect() == AclRule.Effect.DENY) {
                    lists.add(rule.effect(), rule.action(), rule.template().resolve(subject, true));
                }
            }
            return lists.denials();
        }
    }

    private record TemplateRule(AclRule.Effect effect, AclRule.Action action, TopicTemplate template) {
    }

    /** Filters gathered by effect and action, then compiled. */
    private static final class FilterLists {
        private final List<String> allowPublish = new ArrayList<>();
        private final List<String> allowSubscribe = new ArrayList<>();
        private final List<String> denyPublish = new ArrayList<>();
        private final List<String> denySubscribe = new ArrayList<>();

        /** @param filter null for a rule that does not apply */
        void add(AclRule.Effect effect, AclRule.Action action, String filter) {
            if (filter == null) {
                return;
            }
            boolean allow = effect == AclRule.Effect.ALLOW;
            if (action.coversPublish()) {
                (allow ? allowPublish : denyPublish).add(filter);
            }
            if (action.coversSubscribe()) {
                (allow ? allowSubscribe : denySubscribe).add(filter);
            }
        }

        GrantedFilters allows() {
            return allowPublish.isEmpty() && allowSubscribe.isEmpty() ? GrantedFilters.NONE
                    : new GrantedFilters(TopicPatterns.of(allowPublish), TopicPatterns.of(allowSubscribe));
        }

        DeniedFilters denials() {
            return denyPublish.isEmpty() && denySubscribe.isEmpty() ? DeniedFilters.NONE
                    : new DeniedFilters(TopicPatterns.of(denyPublish), TopicPatterns.of(denySubscribe));
        }
    }
}
