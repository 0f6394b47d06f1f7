package org.plumbline.server.http;

/**
 * Text from requests made safe for the application log. A value with a line break (a crafted username,
 * a path, an exception message quoting input) would otherwise write a forged line into the log, so
 * control characters are written as {@code \\uXXXX} escapes.
 */
public final class LogSafe {
    private static final int MAX_CAUSES = 20;

    private LogSafe() {
    }

    public static String escape(String s) {
        if (s == null || s.codePoints().noneMatch(Character::isISOControl)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * A copy of {@code e} for logging: the same stack traces and causes, each message led by the
     * original class name and escaped. The stack trace keeps its own line breaks; only what the messages quote is escaped.
     */
    public static Throwable escaped(Throwable e) {
        return copy(e, 0);
    }

    private static Throwable copy(Throwable e, int depth) {
        if (e == null || depth >= MAX_CAUSES) {
            return null;
        }
        // The log prints a throwable's own class name, so the original's goes into the message.
        String message = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + escape(e.getMessage()));
        Throwable c = new Escaped(message, copy(e.getCause(), depth + 1));
        c.setStackTrace(e.getStackTrace());
        return c;
    }

    /** An escaped copy of a throwable, as logged. */
    private static final class Escaped extends RuntimeException {
        Escaped(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
