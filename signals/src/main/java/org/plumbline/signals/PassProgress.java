package org.plumbline.signals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/** The progress of ingestion while DuckDB makes its pass over a file, which is most of the time it takes. */
final class PassProgress {
    private PassProgress() {}

    /**
     * Rows in the file, for the progress display only: exact for Parquet (its footer says), estimated for
     * CSV from the lines in its first 4 MiB. DuckDB's own row counter counts every stage of the query, so
     * the display takes DuckDB's fraction done times this estimate.
     */
    private static long estimateRows(Connection connection, Path file, boolean parquet) {
        try {
            if (parquet) {
                try (Statement s = connection.createStatement();
                     ResultSet r = s.executeQuery("SELECT sum(num_rows) FROM parquet_file_metadata(" + FocusIngester.literal(file.toString()) + ")")) {
                    return r.next() ? r.getLong(1) : 0;
                }
            }
            long size = Files.size(file);
            boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
            try (var counting = new java.io.BufferedInputStream(Files.newInputStream(file))) {
                long[] consumed = {0};
                InputStream raw = new java.io.FilterInputStream(counting) {
                    @Override public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) consumed[0] += n;
                        return n;
                    }
                };
                InputStream in = gz ? new java.util.zip.GZIPInputStream(raw) : raw;
                byte[] buf = new byte[1 << 16];
                long lines = 0, read = 0;
                int n;
                while (read < (4 << 20) && (n = in.read(buf)) > 0) {
                    read += n;
                    for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
                }
                if (lines == 0) return 0;
                return Math.max(0, (long) (size / ((double) consumed[0] / lines)) - 1);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            return 0; // no estimate: the display shows percent and ETA only
        }
    }

    /**
     * Runs the pass over one file; while it runs, reports DuckDB's fraction done as bytes and rows of the
     * whole ingestion (every 250 ms), and when it ends, the file as done.
     */
    static void run(Connection connection, String sql, Progress progress, Path file, boolean parquet, long bytesBefore,
                    long rowsBefore) throws SQLException, IOException {
        long fileBytes = Files.size(file);
        long fileRows = progress == Progress.NONE ? 0 : estimateRows(connection, file, parquet);
        if (progress == Progress.NONE) {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
            return;
        }
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET enable_progress_bar = true");
            settings.execute("SET enable_progress_bar_print = false");
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            DuckDBPreparedStatement dps = ps.unwrap(DuckDBPreparedStatement.class);
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ingest-progress");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleAtFixedRate(() -> {
                try {
                    QueryProgress p = dps.getQueryProgress();
                    double pct = Math.max(0, p.getPercentage()) / 100.0;
                    double done = Math.min(1, pct);
                    progress.update(bytesBefore + (long) (fileBytes * done), rowsBefore + (long) (fileRows * done));
                } catch (SQLException | RuntimeException ignored) {
                    // progress is best effort; the query's own outcome is what counts
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
            try {
                ps.execute();
            } finally {
                poller.shutdownNow();
            }
        }
        progress.update(bytesBefore + fileBytes, rowsBefore + fileRows);
    }
}
