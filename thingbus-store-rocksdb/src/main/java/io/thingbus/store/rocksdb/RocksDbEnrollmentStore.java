package io.thingbus.store.rocksdb;

import io.thingbus.registry.provisioning.EnrollmentStore;
import io.thingbus.registry.provisioning.GroupEnrollment;
import io.thingbus.registry.provisioning.IndividualEnrollment;
import io.thingbus.registry.provisioning.Registration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * {@link EnrollmentStore} in the {@code enrollments} column family. Key: one byte for what is stored
 * ({@code i} individual enrollment, {@code g} group, {@code r} registration) and the id in UTF-8, so
 * each sort is one contiguous range in id order. Values: {@link EnrollmentCodec}.
 *
 * <p>Every write waits for its journal barrier, so it is durable when the method returns (provisioning
 * writes are rare and an activation must not be forgotten once answered).
 */
final class RocksDbEnrollmentStore implements EnrollmentStore {

    static final byte INDIVIDUAL = 'i';
    static final byte GROUP = 'g';
    static final byte REGISTRATION = 'r';

    private final ColumnFamily enrollments;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;

    RocksDbEnrollmentStore(ColumnFamily enrollments, GroupCommitJournal journal, ColumnReader reader) {
        this.enrollments = enrollments;
        this.journal = journal;
        this.reader = reader;
    }

    @Override
    public Optional<IndividualEnrollment> findIndividual(String registrationId) {
        return Optional.ofNullable(reader.get(enrollments, key(INDIVIDUAL, registrationId)))
                .map(value -> EnrollmentCodec.decodeIndividual(registrationId, value));
    }

    @Override
    public void putIndividual(IndividualEnrollment enrollment) {
        put(key(INDIVIDUAL, enrollment.registrationId()), EnrollmentCodec.encode(enrollment));
    }

    @Override
    public boolean removeIndividual(String registrationId) {
        return remove(key(INDIVIDUAL, registrationId));
    }

    @Override
    public List<IndividualEnrollment> listIndividuals(String afterId, int limit) {
        List<IndividualEnrollment> page = new ArrayList<>();
        if (limit <= 0) {
            return page;
        }
        byte[] from = afterId == null ? new byte[] {INDIVIDUAL} : successor(key(INDIVIDUAL, afterId));
        reader.scanWhile(enrollments, from, new byte[] {INDIVIDUAL + 1}, false, (key, value) -> {
            page.add(EnrollmentCodec.decodeIndividual(id(key), value));
            return page.size() < limit;
        });
        return page;
    }

    @Override
    public Optional<GroupEnrollment> findGroup(String groupId) {
        return Optional.ofNullable(reader.get(enrollments, key(GROUP, groupId)))
                .map(value -> EnrollmentCodec.decodeGroup(groupId, value));
    }

    @Override
    public void putGroup(GroupEnrollment group) {
        put(key(GROUP, group.groupId()), EnrollmentCodec.encode(group));
    }

    @Override
    public boolean removeGroup(String groupId) {
        return remove(key(GROUP, groupId));
    }

    @Override
    public List<GroupEnrollment> groups() {
        List<GroupEnrollment> groups = new ArrayList<>();
        reader.scan(enrollments, new byte[] {GROUP}, new byte[] {GROUP + 1}, false,
                (key, value) -> groups.add(EnrollmentCodec.decodeGroup(id(key), value)));
        return groups;
    }

    @Override
    public Optional<Registration> findRegistration(String registrationId) {
        return Optional.ofNullable(reader.get(enrollments, key(REGISTRATION, registrationId)))
                .map(value -> EnrollmentCodec.decodeRegistration(registrationId, value));
    }

    @Override
    public void putRegistration(Registration registration) {
        put(key(REGISTRATION, registration.registrationId()), EnrollmentCodec.encode(registration));
    }

    @Override
    public boolean removeRegistration(String registrationId) {
        return remove(key(REGISTRATION, registrationId));
    }

    static byte[] key(byte kind, String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[1 + utf8.length];
        key[0] = kind;
        System.arraycopy(utf8, 0, key, 1, utf8.length);
        return key;
    }

    private static String id(byte[] key) {
        return new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
    }

    /** The first key after {@code key} in byte order: {@code key} and a zero byte. */
    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    private void put(byte[] key, byte[] value) {
        journal.put(enrollments, key, value);
        awaitDurable();
    }

    private boolean remove(byte[] key) {
        if (reader.get(enrollments, key) == null) {
            return false;
        }
        journal.delete(enrollments, key);
        awaitDurable();
        return true;
    }

    private void awaitDurable() {
        try {
            journal.barrier().join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
