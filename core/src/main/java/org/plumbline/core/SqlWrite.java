package org.plumbline.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * One write statement and its named arguments, as a value: so that a store can say what it writes and the caller
 * can decide whether it runs alone ({@link #run}) or in the same round trip as a log append
 * ({@link LogEntries#append(Handle, org.plumbline.core.record.LogRecord.Sealed, SqlWrite...)}).
 *
 * <p>Why it exists: write transactions run one after another in a shared transaction ({@link GroupCommit}), so
 * every round trip to PostgreSQL is paid by every writer behind it; a decision used to be nine of them. A value
 * of {@link #APPENDED} stands for the index the append just assigned, which the caller cannot know before the
 * statements are sent.
 */
record SqlWrite(String sql, Map<String, Object> arguments) {
    /** An argument value meaning "the log index of the record appended just before, in this transaction". */
    static final Object APPENDED = new Object() {
        @Override
        public String toString() {
            return "the appended record's index";
        }
    };

    /**
     * The index the transaction's newest append assigned: the counter row is locked by this transaction from its
     * first append to its end, so no one else has moved it (see {@link LogEntries}).
     */
    private static final String APPENDED_SQL = "(SELECT next - 1 FROM log_counter WHERE id = 1)";
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");

    /** A log index not known yet: a write that carries it stores {@link #APPENDED}. */
    static final long PENDING = -1;

    /** The argument for a log index: {@link #APPENDED} for {@link #PENDING}, the index itself otherwise. */
    static Object index(long logIndex) {
        return logIndex == PENDING ? APPENDED : logIndex;
    }

    SqlWrite {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** Starts a write of {@code sql} with no arguments yet. */
    static SqlWrite of(String sql) {
        return new SqlWrite(sql, Map.of());
    }

    /** This write with one more argument ({@code null} allowed). */
    SqlWrite with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(arguments);
        more.put(name, value);
        return new SqlWrite(sql, more);
    }

    /** Runs the write on its own. */
    void run(Handle h) {
        var update = h.createUpdate(sql(""));
        bind(update, "");
        update.execute();
    }

    /**
     * The statement with each argument renamed {@code prefix + name} (so that statements sent together cannot
     * collide) and each {@link #APPENDED} argument written in place.
     */
    String sql(String prefix) {
        Matcher m = NAMED.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!arguments.containsKey(name)) {
                throw new IllegalStateException("no argument :" + name + " for " + sql);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(
                    arguments.get(name) == APPENDED ? APPENDED_SQL : ":" + prefix + name));
        }
        return m.appendTail(out).toString();
    }

    /** Binds the arguments, renamed as in {@link #sql(String)}. */
    void bind(SqlStatement<?> statement, String prefix) {
        arguments.forEach((name, value) -> {
            if (value != APPENDED) statement.bind(prefix + name, value);
        });
    }
}
