package org.plumbline.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.plumbline.log.note.KeyFormatException;
import org.plumbline.log.note.SigningKey;

/** Private key files in the {@code PRIVATE+KEY+…} text form, readable by their owner only. */
public final class KeyFiles {
    private KeyFiles() {}

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
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, (key.privateKeyText() + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a key file (a trailing newline is allowed). */
    public static SigningKey read(Path file) throws IOException, KeyFormatException {
        return SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
}
