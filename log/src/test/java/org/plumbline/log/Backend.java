package org.plumbline.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.s3.S3Location;
import org.plumbline.log.storage.s3.S3Storage;
import org.plumbline.log.storage.s3.S3TestServer;

/**
 * The storage backends the log's tests run over: each makes a fresh, empty place for a log and can look at
 * (and damage) what is stored there behind the storage's back.
 */
enum Backend {
    DIRECTORY {
        @Override
        Place create(Path tmp) throws IOException {
            DirectoryStorage storage = DirectoryStorage.open(tmp);
            return new Place(storage, tmp, "") {
                @Override
                List<String> list(String dir) {
                    Path d = tmp.resolve(dir);
                    if (!Files.isDirectory(d)) {
                        return List.of();
                    }
                    try (Stream<Path> files = Files.list(d)) {
                        return files.map(f -> dir + "/" + f.getFileName()).sorted().toList();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                void overwrite(String path, byte[] bytes) throws IOException {
                    Files.write(tmp.resolve(path), bytes);
                }
            };
        }
    },
    S3 {
        @Override
        Place create(Path tmp) {
            S3TestServer server = S3TestServer.get();
            S3Location location = server.newLocation("logs/test");
            S3Storage storage = S3Storage.open(location);
            return new Place(storage, tmp, location.toString()) {
                @Override
                List<String> list(String dir) {
                    String prefix = location.prefix() + "/" + dir + "/";
                    return server.keys(location.bucket()).stream().filter(k -> k.startsWith(prefix))
                            .map(k -> k.substring(location.prefix().length() + 1)).toList();
                }

                @Override
                void overwrite(String path, byte[] bytes) {
                    server.overwrite(location, path, bytes);
                }
            };
        }
    };

    /** A new, empty place for a log; {@code tmp} is a local directory for whatever must stay local. */
    abstract Place create(Path tmp) throws IOException;

    /**
     * Where one log is stored, and its local directory (the journal's and lock's, for a log that has one).
     * {@code description} says where, for child processes and messages.
     */
    abstract static class Place {
        final LogStorage storage;
        final Path local;
        final String description;

        Place(LogStorage storage, Path local, String description) {
            this.storage = storage;
            this.local = local;
            this.description = description;
        }

        boolean exists(String path) throws IOException {
            return storage.read(path).isPresent();
        }

        /** The paths directly under {@code dir}, sorted. */
        abstract List<String> list(String dir);

        /** Replaces the bytes at {@code path} without any of the storage's conditions. */
        abstract void overwrite(String path, byte[] bytes) throws IOException;

        DirectoryLog open(CheckpointSigner signer) throws IOException {
            return DirectoryLog.open(local, storage, signer, DirectoryLog.DEFAULT_MAX_BATCH, DirectoryLog.DEFAULT_MAX_DELAY,
                    DirectoryLog.DEFAULT_MAX_PENDING);
        }
    }
}
