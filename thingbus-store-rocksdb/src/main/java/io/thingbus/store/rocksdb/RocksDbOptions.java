package io.thingbus.store.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The native option objects of one open database, built together and closed together (after the
 * database). What they set is listed on {@link RocksDbStores}.
 */
final class RocksDbOptions implements AutoCloseable {

    static final long BLOCK_CACHE_BYTES = 64L << 20;
    static final long WRITE_BUFFERS_BYTES = 32L << 20;
    static final long WRITE_BUFFER_BYTES = 8L << 20;
    static final int MAX_WRITE_BUFFERS = 3;
    static final long MAX_TOTAL_WAL_BYTES = 64L << 20;

    final Cache blockCache;
    final BloomFilter bloomFilter;
    final WriteBufferManager writeBufferManager;
    final ColumnFamilyOptions columnFamilyOptions;
    final DBOptions dbOptions;

    RocksDbOptions() {
        blockCache = new LRUCache(BLOCK_CACHE_BYTES);
        bloomFilter = new BloomFilter(10);
        writeBufferManager = new WriteBufferManager(WRITE_BUFFERS_BYTES, blockCache);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(bloomFilter)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        columnFamilyOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(MAX_WRITE_BUFFERS)
                .setTableFormatConfig(table);
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setWriteBufferManager(writeBufferManager)
                .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
                .setMaxBackgroundJobs(Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())))
                .setInfoLogLevel(InfoLogLevel.INFO_LEVEL)
                .setMaxLogFileSize(8L << 20)
                .setKeepLogFileNum(3);
    }

    @Override
    public void close() {
        dbOptions.close();
        columnFamilyOptions.close();
        writeBufferManager.close();
        bloomFilter.close();
        blockCache.close();
    }
}
