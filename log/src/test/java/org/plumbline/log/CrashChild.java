package org.plumbline.log;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.DirectoryStorage;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.s3.S3Location;
import org.plumbline.log.storage.s3.S3Storage;

/**
 * The process {@link CrashTest} kills: appends from many writers until killed, printing
 * {@code ack <index> <entry>} for every index the log acknowledged. Arguments: log directory,
 * private key text, run number, and where the tiles are: empty for the directory itself, or an S3 location
 * as {@code s3://BUCKET/PREFIX at ENDPOINT}.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        CheckpointSigner signer = CheckpointSigner.of(SigningKey.parse(args[1]));
        String run = args[2];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        // Small batches and a small backlog, so that kills land in every phase: journaling,
        // integrating, writing tiles, publishing checkpoints.
        LogStorage storage = args[3].isEmpty() ? DirectoryStorage.open(dir) : s3(args[3]);
        DirectoryLog log = DirectoryLog.open(dir, storage, signer, 50, Duration.ofMillis(1), 300);
        out.println("ready");
        out.flush();
        for (int w = 0; w < 16; w++) {
            int writer = w;
            Thread.ofVirtual().start(() -> {
                for (long seq = 0; ; seq++) {
                    String entry = "run " + run + " writer " + writer + " seq " + seq;
                    long index = log.add(entry.getBytes(StandardCharsets.UTF_8)).join();
                    synchronized (out) {
                        out.println("ack " + index + " " + entry);
                        out.flush();
                    }
                }
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static LogStorage s3(String description) {
        String[] parts = description.split(" at ", 2);
        return S3Storage.open(S3Location.parse(parts[0], java.util.Optional.of(java.net.URI.create(parts[1]))));
    }
}
