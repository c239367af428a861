package io.thingbus.sim.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A local process's resident memory, from {@code VmRSS} in {@code /proc/PID/status}. */
public final class ProcessMemory {

    private static final long BYTES_PER_KB = 1024;

    private final Path statusFile;

    public ProcessMemory(long pid) {
        this.statusFile = Path.of("/proc", Long.toString(pid), "status");
    }

    /** The resident set size in bytes, or empty when the process is gone or unreadable. */
    public OptionalLong residentBytes() {
        try {
            return parseVmRss(Files.readString(statusFile));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmRSS:  12345 kB} line of a status file, in bytes. */
    static OptionalLong parseVmRss(String status) {
        return status.lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring("VmRSS:".length()).trim().split("\\s+"))
                .filter(fields -> fields.length == 2 && fields[1].equals("kB"))
                .mapToLong(fields -> Long.parseLong(fields[0]) * BYTES_PER_KB)
                .findFirst();
    }
}
