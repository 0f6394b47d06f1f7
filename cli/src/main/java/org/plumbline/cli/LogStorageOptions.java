package org.plumbline.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.s3.S3Location;
import org.plumbline.log.storage.s3.S3Storage;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a log command finds the log: a local directory ({@code --dir}) or an S3-compatible bucket
 * ({@code --storage s3://BUCKET/PREFIX}, with {@code --endpoint URL} for a service other than AWS). Credentials
 * and region come from the AWS SDK's default chains (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_REGION,
 * ~/.aws, instance roles); none is ever taken on the command line, where other users could read it.
 */
final class LogStorageOptions implements AutoCloseable {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--dir", description = "The log's directory (or --storage).")
    Path dir;

    @Option(names = "--storage", paramLabel = "s3://BUCKET/PREFIX",
            description = "The log in an S3-compatible bucket, under PREFIX (instead of --dir). Credentials and region"
                    + " from the AWS SDK's default chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, ~/.aws).")
    String storage;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "With --storage: the S3-compatible service's URL (path-style addressing); default AWS.")
    URI endpoint;

    private S3Storage opened;

    /** True for a bucket, false for a directory; refuses neither or both. */
    boolean inBucket() {
        if ((dir == null) == (storage == null)) {
            throw new ParameterException(spec.commandLine(), "give the log's place: --dir DIR or --storage s3://BUCKET/PREFIX");
        }
        if (endpoint != null && storage == null) {
            throw new ParameterException(spec.commandLine(), "--endpoint goes with --storage");
        }
        return storage != null;
    }

    /** Opens the storage (a directory is created if missing: for init). */
    LogStorage open() throws IOException {
        if (!inBucket()) {
            return DirectoryStorage.open(dir);
        }
        if (opened == null) {
            S3Location location;
            try {
                location = S3Location.parse(storage, Optional.ofNullable(endpoint));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--storage " + storage + ": " + e.getMessage());
            }
            try {
                opened = S3Storage.open(location);
            } catch (RuntimeException e) { // no region, say
                throw new ParameterException(spec.commandLine(), "--storage " + storage + ": " + e.getMessage());
            }
        }
        return opened;
    }

    /** Opens a log that must already exist, refusing a place that holds none. */
    LogStorage openExisting() throws IOException {
        String option = inBucket() ? "--storage " : "--dir ";
        if (!inBucket() && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), option + describe() + " holds no log (no checkpoint)");
        }
        LogStorage s = open();
        if (s.read(LogStorage.CHECKPOINT).isEmpty()) {
            throw new ParameterException(spec.commandLine(), option + describe() + " holds no log (no checkpoint)");
        }
        return s;
    }

    String describe() {
        return inBucket() ? storage + (endpoint == null ? "" : " at " + endpoint) : dir.toString();
    }

    @Override
    public void close() {
        if (opened != null) {
            opened.close();
            opened = null;
        }
    }
}
