package org.plumbline.server.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * The lists' CSV exports (RFC 4180, CRLF line ends). A cell a spreadsheet would read as a formula (starting with
 * =, +, -, @, tab or carriage return) is prefixed with an apostrophe: titles are typed by people, customer names
 * and accounts come from declarations and metering, and an export is opened in a spreadsheet.
 */
final class Csv {
    private final StringBuilder out = new StringBuilder();

    Csv(List<String> header) {
        line(header);
    }

    Csv line(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Sends the file as a download named {@code fileName}, never cached. */
    void send(Context ctx, String fileName) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
