package org.plumbline.signals.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import org.plumbline.core.domain.ValidationException;
import org.plumbline.log.hash.Sha256;
import org.plumbline.signals.FocusFormatException;

/**
 * Uploaded FOCUS files, kept in one directory under their SHA-256 and format
 * ({@code <sha256>.csv}, {@code .csv.gz} or {@code .parquet}). Named by content, so the same bytes
 * uploaded twice are kept once and a half-written file never has a final name.
 */
final class Uploads {
    private final Path directory;

    Uploads(Path directory) {
        this.directory = directory;
    }

    /** An upload written to a temporary file: its digest, size, format, and the name it is kept under. */
    record Received(Path temporary, String sha256, long size, String format, Path kept) {}

    /**
     * Writes {@code content} to a temporary file beside the kept ones, hashing it on the way. The caller
     * deletes {@link Received#temporary()} when done (it is gone once {@link #keep} moved it).
     *
     * @throws ValidationException naming {@code file} if it is empty (and then nothing is left behind)
     */
    Received receive(InputStream content) throws IOException {
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, "upload-", ".part");
        try {
            MessageDigest sha = Sha256.newDigest();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                size = content.transferTo(out);
            }
            if (size == 0) {
                throw ValidationException.of("file", "the file is empty");
            }
            String hex = Sha256.hex(sha.digest());
            String format = format(tmp);
            return new Received(tmp, hex, size, format, directory.resolve(hex + "." + format));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Gives a received file its final name, unless the same bytes are kept already; true if they were. */
    boolean keep(Received r) throws IOException {
        if (Files.exists(r.kept())) return true;
        Files.move(r.temporary(), r.kept(), StandardCopyOption.ATOMIC_MOVE);
        return false;
    }

    /** CSV, gzip'd CSV or Parquet, from the first bytes (the name a browser sends is not to be trusted). */
    static String format(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return "csv.gz";
        if (n == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') return "parquet";
        return "csv";
    }

    /** "name.csv, line 4, column BilledCost: not a decimal …": where, in the uploader's terms (not our path). */
    static String where(FocusFormatException e, String fileName, String format) {
        String name = fileName == null || fileName.isBlank() ? "the uploaded file" : fileName;
        // problem(), not the message: the message names the kept file's path and may carry DuckDB's own text.
        return name + (e.line() > 0 ? (format.equals("parquet") ? ", row " : ", line ") + e.line() : "")
                + (e.column() != null ? ", column " + e.column() : "") + ": " + e.problem()
                + " (nothing from this file was ingested)";
    }

    Path directory() {
        return directory;
    }
}
