/**
 * Device provisioning: an allow-list of enrollments, one-time activation and partition allocation.
 *
 * <p>An operator enrolls a device before it exists, either alone ({@link io.thingbus.registry.provisioning.IndividualEnrollment},
 * by registration id with its own keys) or as one of many ({@link io.thingbus.registry.provisioning.GroupEnrollment}, whose
 * key derives each member's key from its registration id). The device then registers with
 * {@link io.thingbus.registry.provisioning.ProvisioningService#register}, proving itself with a SAS token signed with
 * its key; the service creates it in the {@link io.thingbus.registry.DeviceRegistry} with that key, in the partition
 * the enrollment's {@link io.thingbus.registry.provisioning.AllocationPolicy} chooses, records the
 * {@link io.thingbus.registry.provisioning.Registration} so activation happens once, and answers the
 * {@link io.thingbus.registry.provisioning.DeviceConfiguration} the device connects with. Front ends (HTTP today,
 * MQTT later) only carry the registration id and the token to that one method.
 */
package io.thingbus.registry.provisioning;
