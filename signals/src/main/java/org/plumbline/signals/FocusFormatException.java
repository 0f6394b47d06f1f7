package org.plumbline.signals;

/**
 * A FOCUS file that cannot be ingested, with where: the file, and when known the line (CSV; the header
 * is line 1) or row (Parquet; first data row is 1) and the column. Nothing of the file was kept.
 */
public final class FocusFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final String column;
    private final String problem;

    /**
     * @param line   the CSV line (header = 1) or Parquet row (first = 1), or 0 when not on one line
     * @param column the column, or null when the problem is not in one column
     */
    public FocusFormatException(String file, long line, String column, String problem) {
        this(file, line, column, problem, null);
    }

    /**
     * @param engineDetail what the engine (DuckDB) said, for the operator: it is in the message, which goes
     *                     to logs and the command line, but not in {@link #problem()}, since it may name the
     *                     server's paths and the engine's internals; null if there is none
     */
    public FocusFormatException(String file, long line, String column, String problem, String engineDetail) {
        super(file + (line > 0 ? ":" + line : "") + (column != null ? ": column " + column : "") + ": " + problem
                + (engineDetail == null ? "" : ": " + engineDetail) + " (nothing from this file was ingested)");
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() { return file; }

    /** The line (CSV) or row (Parquet), or 0 when the problem is not on one line. */
    public long line() { return line; }

    /** The column, or null when the problem is not in one column. */
    public String column() { return column; }

    /**
     * What is wrong, in the file's own terms (its line, column and values), without the file's path or the
     * engine's text: what may be told to whoever sent the file.
     */
    public String problem() { return problem; }
}
