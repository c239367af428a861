package io.thingbus.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a small file all at once: the content goes to {@code NAME.tmp} beside it, is synced, and
 * the temporary file is moved over the target atomically, so a reader (or a crash) sees the old
 * file or the new one, never half of one. Secrets (tokens, keys) are written owner-only: the
 * temporary file is created with mode 600 before any byte is in it.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code content}, readable as the umask allows. */
    public static void write(Path file, byte[] content) throws IOException {
        replace(file, content, false);
    }

    /**
     * Replaces {@code file} with {@code content}, readable and writable by the owner only (mode 600)
     * where the file system has POSIX permissions.
     *
     * @return false when the file system has no POSIX permissions, so the caller can warn that the
     *         operator must restrict access some other way
     */
    public static boolean writeOwnerOnly(Path file, byte[] content) throws IOException {
        return replace(file, content, true);
    }

    private static boolean replace(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        boolean restricted = ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (restricted) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temp);
        }
        ByteBuffer bytes = ByteBuffer.wrap(content);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return restricted || !ownerOnly;
    }
}
