package io.thingbus.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** The store's database opened with plain RocksDB, every column family included, to tamper with it in tests. */
final class RawDatabase implements AutoCloseable {

    private final DBOptions options;
    private final RocksDB db;
    private final List<String> names = new ArrayList<>();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();

    RawDatabase(Path directory) throws RocksDBException {
        String location = directory.toAbsolutePath().toString();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options listOptions = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(listOptions, location)) {
                names.add(new String(name, StandardCharsets.UTF_8));
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        options = new DBOptions();
        db = RocksDB.open(options, location, descriptors, handles);
    }

    ColumnFamilyHandle handle(String name) {
        return handles.get(names.indexOf(name));
    }

    byte[] get(String family, byte[] key) throws RocksDBException {
        return db.get(handle(family), key);
    }

    void put(String family, byte[] key, byte[] value) throws RocksDBException {
        db.put(handle(family), key, value);
    }

    void delete(String family, byte[] key) throws RocksDBException {
        db.delete(handle(family), key);
    }

    void createColumnFamily(String name) throws RocksDBException {
        handles.add(db.createColumnFamily(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8))));
        names.add(name);
    }

    void dropColumnFamily(String name) throws RocksDBException {
        int index = names.indexOf(name);
        db.dropColumnFamily(handles.get(index));
        handles.remove(index).close();
        names.remove(index);
    }

    List<String> columnFamilies() {
        return List.copyOf(names);
    }

    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
    }
}
