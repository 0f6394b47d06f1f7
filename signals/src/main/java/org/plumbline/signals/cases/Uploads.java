package org.plumbline.signals.cases;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.plumbline.core.domain.ValidationException;
import org.plumbline.log.hash.Sha256;
import org.plumbline.signals.FocusFormatException;

/**
 * Uploaded FOCUS files, kept in one directory under their SHA-256 and format
 * ({@code <sha256>.csv}, {@code .csv.gz} or {@code .parquet}). Named by content, so the same bytes
 * uploaded twice are kept once and a half-written file never has a final name.
 */
final class Uploads {
    /**
     * The most a gzip'd upload may expand to: 1 GiB. Gzip reaches about 1000:1 on repetitive bytes, so the
     * 32 MiB request cap alone would let a few MB occupy DuckDB (and the disk it spills to) for minutes;
     * a real month of FOCUS export that large belongs in the inbox directory, which this does not govern.
     */
    static final long MAX_EXPANDED = 1L << 30;

    private final Path directory;
    private final long maxExpanded;

    Uploads(Path directory) {
        this(directory, MAX_EXPANDED);
    }

    /** With a lower expansion limit, so that tests need not make a gigabyte. */
    Uploads(Path directory, long maxExpanded) {
        this.directory = directory;
        this.maxExpanded = maxExpanded;
    }

    /** An upload written to a temporary file: its digest, size, format, and the name it is kept under. */
    record Received(Path temporary, String sha256, long size, String format, Path kept) {}

    /**
     * Writes {@code content} to a temporary file beside the kept ones, hashing it on the way. The caller
     * deletes {@link Received#temporary()} when done (it is gone once {@link #keep} moved it).
     *
     * @throws ValidationException naming {@code file} if it is empty or a gzip expanding past the limit (and
     *     then nothing is left behind)
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
            if (format.equals("csv.gz")) checkExpansion(tmp);
            return new Received(tmp, hex, size, format, directory.resolve(hex + "." + format));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Expands the gzip, counting and discarding, and refuses it once past {@link #maxExpanded}: DuckDB would
     * otherwise read all of it before it could say anything. Inflating is cheap next to parsing (a gigabyte
     * of zeros in about a second). A stream that is not valid gzip is left for DuckDB, which names the line.
     */
    private void checkExpansion(Path gz) throws IOException {
        long expanded = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                expanded += n;
                if (expanded > maxExpanded) {
                    throw ValidationException.of("file", "the file expands past " + mebibytes(maxExpanded)
                            + " when decompressed; upload it in parts, or leave it in the signals inbox directory");
                }
            }
        } catch (ZipException | EOFException e) {
            // Corrupt or cut short: not a bomb. Ingestion reports it in the uploader's terms.
        }
    }

    private static String mebibytes(long bytes) {
        return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB" : bytes / (1L << 20) + " MiB";
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
