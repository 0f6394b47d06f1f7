package org.plumbline.signals;

import java.io.PrintStream;

/**
 * Shows progress on a stream: a redrawn bar (rows, rows/s, ETA) when the stream is a terminal, and a
 * plain line every few seconds otherwise (logs and CI keep readable output).
 */
public final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final long plainEveryNanos;
    private long total;
    private long started;
    private long lastPrint;
    private long lastRows;

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this(out, terminal, 5_000_000_000L);
    }

    ConsoleProgress(PrintStream out, boolean terminal, long plainEveryNanos) {
        this.out = out;
        this.terminal = terminal;
        this.plainEveryNanos = plainEveryNanos;
    }

    /** A progress display on standard error; a bar only when a console is attached. */
    public static ConsoleProgress onStderr() {
        return new ConsoleProgress(System.err, System.console() != null && System.getenv("TERM") != null
                && !"dumb".equals(System.getenv("TERM")));
    }

    @Override
    public synchronized void start(long totalBytes, int files) {
        total = Math.max(1, totalBytes);
        started = System.nanoTime();
        lastPrint = started;
        if (!terminal) out.printf("ingesting %d file(s), %s%n", files, bytes(totalBytes));
    }

    @Override
    public synchronized void update(long bytesDone, long rowsDone) {
        long now = System.nanoTime();
        lastRows = rowsDone;
        if (terminal) {
            if (now - lastPrint < 200_000_000L) return;
            lastPrint = now;
            out.print("\r" + line(bytesDone, rowsDone, now, true));
            out.flush();
        } else if (now - lastPrint >= plainEveryNanos) {
            lastPrint = now;
            out.println(line(bytesDone, rowsDone, now, false));
        }
    }

    @Override
    public synchronized void finish(long rowsDone) {
        long now = System.nanoTime();
        double secs = Math.max(1e-9, (now - started) / 1e9);
        String done = String.format("ingested %,d rows in %.1f s (%,.0f rows/s)", rowsDone, secs, rowsDone / secs);
        out.println(terminal ? "\r" + done + " ".repeat(30) : done);
    }

    private String line(long bytesDone, long rows, long now, boolean bar) {
        double frac = Math.min(1.0, (double) bytesDone / total);
        double secs = Math.max(1e-9, (now - started) / 1e9);
        double rate = rows / secs;
        String eta = frac > 0.001 ? duration((long) (secs / frac - secs)) : "?";
        String pct = String.format("%3.0f%%", frac * 100);
        if (!bar) return String.format("ingest %s  %,d rows  %,.0f rows/s  ETA %s", pct, rows, rate, eta);
        int width = 30, full = (int) Math.round(frac * width);
        return String.format("[%s%s] %s  %,d rows  %,.0f rows/s  ETA %s ", "#".repeat(full), ".".repeat(width - full),
                pct, rows, rate, eta);
    }

    static String duration(long s) {
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    /** A byte count for people: "1.5 GiB". */
    public static String bytes(long b) {
        return b >= 1L << 30 ? String.format("%.1f GiB", b / (double) (1L << 30))
                : b >= 1L << 20 ? String.format("%.1f MiB", b / (double) (1L << 20)) : b + " bytes";
    }

    long lastRows() {
        return lastRows;
    }
}
