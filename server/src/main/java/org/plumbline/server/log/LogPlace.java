package org.plumbline.server.log;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.s3.S3Location;
import org.plumbline.log.storage.s3.S3Storage;

/**
 * Where the server keeps its log's tiles and checkpoint: a directory (by default {@code DATA_DIR/log}) or an
 * S3-compatible bucket. Several server instances share one place (a bucket, or one directory on one machine).
 */
public sealed interface LogPlace {
    /** A directory on local disk, laid out as the log's URL space. */
    record Directory(Path path) implements LogPlace {
        public Directory {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("the log's directory must be an absolute path, got " + path);
            }
        }

        @Override
        public LogStorage open() throws IOException {
            return DirectoryStorage.open(path);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** A bucket and prefix (credentials and region from the AWS SDK's default chains). */
    record Bucket(S3Location location) implements LogPlace {
        @Override
        public LogStorage open() {
            return S3Storage.open(location);
        }

        @Override
        public String toString() {
            return location.toString();
        }
    }

    /** Opens the storage (a directory is created if missing). */
    LogStorage open() throws IOException;

    /**
     * {@code s3://BUCKET/PREFIX} (parsed as the log commands parse {@code --storage}: {@link S3Location#parse}) or
     * an absolute directory; {@code endpoint} goes only with a bucket.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static LogPlace parse(String storage, Optional<URI> endpoint) {
        if (storage.startsWith("s3://")) {
            return new Bucket(S3Location.parse(storage, endpoint));
        }
        if (endpoint.isPresent()) {
            throw new IllegalArgumentException("an endpoint goes only with an s3:// storage");
        }
        if (storage.contains("://")) {
            throw new IllegalArgumentException("'" + storage + "' is neither s3://BUCKET/PREFIX nor a directory");
        }
        return new Directory(Path.of(storage).normalize());
    }
}
