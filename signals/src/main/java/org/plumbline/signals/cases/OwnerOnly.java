package org.plumbline.signals.cases;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps {@code <data-dir>/signals} readable by the server's OS account only: the directory 0700 and the
 * files the server writes there 0600. The DuckDB database and the scan report hold the metering and the
 * accounts of every engagement; created under the umask they were world-readable. On a file system
 * without POSIX permissions (Windows) this does nothing, and the directory's ACL is the operator's.
 */
final class OwnerOnly {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} if needed and makes it (again, for one made by an older version) 0700. */
    static void directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    /** Makes an existing file 0600: for files another library creates (DuckDB's), or an older version did. */
    static void file(Path file) throws IOException {
        if (POSIX && Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Creates an empty file that is 0600 from the start, never readable by others, not even briefly. */
    static Path create(Path file) throws IOException {
        if (!POSIX) {
            return Files.createFile(file);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE);
        return Files.createFile(file, mode);
    }
}
