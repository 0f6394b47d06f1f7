package org.plumbline.signals.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Turns the inputs a user names (files, directories, globs) into the FOCUS files to read, with the same
 * rules as DuckDB ingestion's InputFiles (a directory means its .csv, .csv.gz and .parquet files, a glob
 * or directory matching nothing is an error), but through Hadoop's file systems, because on a cluster the
 * exports live in HDFS or an object store that {@code java.nio} cannot list.
 */
final class SparkInputFiles {
    private SparkInputFiles() {}

    enum Format { CSV, PARQUET }

    /**
     * One file to read.
     *
     * @param name how errors and reports name it: the plain path for local files (as DuckDB ingestion
     *             names them), the full URI otherwise
     * @param uri  what Spark reads, fully qualified
     */
    record Input(String name, String uri, Format format) {}

    static List<Input> expand(Configuration conf, List<String> inputs) throws IOException {
        Map<String, Input> out = new LinkedHashMap<>();
        for (String input : inputs) {
            Path p = new Path(input);
            FileSystem fs = p.getFileSystem(conf);
            List<Path> hits = new ArrayList<>();
            if (input.matches(".*[*?\\[{].*")) {
                FileStatus[] matched = fs.globStatus(p);
                if (matched != null) for (FileStatus s : matched) if (s.isFile()) hits.add(s.getPath());
                if (hits.isEmpty()) throw new IOException("no file matches " + input);
            } else if (fs.exists(p) && fs.getFileStatus(p).isDirectory()) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
                while (it.hasNext()) {
                    LocatedFileStatus s = it.next();
                    if (looksLikeUsage(s.getPath().getName())) hits.add(s.getPath());
                }
                if (hits.isEmpty()) throw new IOException("no .csv, .csv.gz or .parquet file under " + input);
            } else if (fs.exists(p)) {
                hits.add(fs.getFileStatus(p).getPath());
            } else {
                throw new IOException("no such file or directory: " + input);
            }
            hits.sort(null);
            for (Path h : hits) {
                Path q = fs.makeQualified(h);
                out.putIfAbsent(q.toString(), new Input(displayName(q), q.toString(), formatOf(fs, q)));
            }
        }
        return List.copyOf(out.values());
    }

    /** The key under which a file is known, from a path as Spark's {@code _metadata.file_path} gives it (URL-encoded). */
    static String key(String metadataPath) {
        try {
            return new Path(new URI(metadataPath)).toString();
        } catch (java.net.URISyntaxException e) {
            return new Path(metadataPath).toString();
        }
    }

    private static String displayName(Path qualified) {
        URI u = qualified.toUri();
        return "file".equals(u.getScheme()) ? u.getPath() : qualified.toString();
    }

    private static boolean looksLikeUsage(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".parquet");
    }

    /** As DuckDB ingestion decides: by the extension, else Parquet's magic number, else CSV. */
    private static Format formatOf(FileSystem fs, Path file) throws IOException {
        String n = file.getName().toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet")) return Format.PARQUET;
        if (n.endsWith(".csv") || n.endsWith(".gz")) return Format.CSV;
        byte[] head = new byte[4];
        try (InputStream in = fs.open(file)) {
            int k = in.readNBytes(head, 0, 4);
            if (k == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') return Format.PARQUET;
        }
        return Format.CSV;
    }
}
