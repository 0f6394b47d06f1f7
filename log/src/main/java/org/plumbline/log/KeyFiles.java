package org.plumbline.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;

/**
 * Private key files in the {@code PRIVATE+KEY+…} text form, readable by their owner only. Every key
 * Plumbline keeps (a log's checkpoint key, the directive key, a witness's key) is written and read
 * here, so there is one format and one way of making the file.
 */
public final class KeyFiles {
    private KeyFiles() {}

    /**
     * Reads the key in {@code file}, or, if there is no such file, makes a new Ed25519 key named
     * {@code name} and writes it there (as {@link #writeNew}). A key read from an existing file keeps
     * whatever name it was made with.
     *
     * @throws KeyFormatException if the file exists but does not hold a key
     */
    public static SigningKey loadOrCreate(Path file, String name) throws IOException, KeyFormatException {
        if (!Files.exists(file)) {
            SigningKey key = SigningKey.generate(name, KeyType.ED25519);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try {
                writeNew(file, key);
                return key;
            } catch (FileAlreadyExistsException e) {
                // Another process made it first: use theirs, so both sign with one key.
            }
        }
        return read(file);
    }

    /**
     * Writes {@code key} to a new file. The file is created with mode 0600, so the secret is never
     * readable by others, not even between creation and a later chmod; it appears under its name
     * only once complete and on disk.
     *
     * @throws FileAlreadyExistsException rather than overwrite a key
     */
    public static void writeNew(Path file, SigningKey key) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        write(file, key);
    }

    /**
     * Replaces the contents of an existing key file with {@code key} in one step, with the same
     * guarantees as {@link #writeNew}: for moving a key kept in an older form into this one. A
     * reader sees the old file or the new one, never a mix.
     */
    public static void replace(Path file, SigningKey key) throws IOException {
        write(file, key);
    }

    private static void write(Path file, SigningKey key) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, (key.privateKeyText() + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        // The rename is durable only once the directory entry is on disk too.
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Reads a key file (a trailing newline is allowed). */
    public static SigningKey read(Path file) throws IOException, KeyFormatException {
        return SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
}
