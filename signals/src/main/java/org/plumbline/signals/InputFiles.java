package org.plumbline.signals;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Turns the inputs a user names (files, directories, globs) into the FOCUS files to ingest, sorted. */
final class InputFiles {
    private InputFiles() {}

    static List<Path> expand(List<String> inputs) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String input : inputs) {
            if (input.matches(".*[*?\\[{].*")) {
                List<Path> hits = glob(input);
                if (hits.isEmpty()) throw new IOException("no file matches " + input);
                out.addAll(hits);
                continue;
            }
            Path p = Path.of(input);
            if (Files.isDirectory(p)) {
                List<Path> hits = new ArrayList<>();
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(InputFiles::looksLikeUsage).forEach(hits::add);
                }
                if (hits.isEmpty()) throw new IOException("no .csv, .csv.gz or .parquet file under " + input);
                hits.sort(null);
                out.addAll(hits);
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IOException("no such file or directory: " + input);
            }
        }
        return List.copyOf(out);
    }

    static boolean looksLikeUsage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".parquet");
    }

    private static List<Path> glob(String pattern) throws IOException {
        // The directory to walk is the part of the pattern before its first wildcard.
        int wild = pattern.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = pattern.indexOf(c);
            if (i >= 0) wild = Math.min(wild, i);
        }
        int slash = pattern.lastIndexOf('/', wild);
        Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : pattern.substring(0, slash));
        String rest = slash < 0 ? pattern : pattern.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        List<Path> hits = new ArrayList<>();
        if (!Files.isDirectory(base)) return hits;
        try (Stream<Path> s = Files.walk(base)) {
            s.filter(Files::isRegularFile).filter(f -> matcher.matches(base.relativize(f))).forEach(hits::add);
        }
        hits.sort(null);
        return hits;
    }
}
