package org.plumbline.signals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the small tab-separated data files (units, meters, purposes): '#' starts a comment line. */
final class Tsv {
    private Tsv() {}

    /** One data line: its fields and where it came from, for error messages. */
    record Line(String source, int number, List<String> fields) {
        String field(int i) {
            if (i >= fields.size()) {
                throw new IllegalArgumentException(source + " line " + number + ": expected at least " + (i + 1)
                        + " tab-separated fields, found " + fields.size());
            }
            return fields.get(i);
        }
    }

    static List<Line> resource(String name) {
        InputStream in = Tsv.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("missing resource " + name);
        return read(in, name);
    }

    static List<Line> file(Path path) {
        try {
            return read(Files.newInputStream(path), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static List<Line> read(InputStream in, String source) {
        List<Line> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (s.isBlank() || s.startsWith("#")) continue;
                out.add(new Line(source, n, List.of(s.split("\t", -1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return out;
    }
}
