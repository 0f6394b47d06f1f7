package org.plumbline.log.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.log.storage.WriteConflictException;
import org.plumbline.log.tiles.TilePath;
import org.plumbline.log.tiles.TilePathException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A log in an S3-compatible bucket: under the location's prefix the objects are exactly the log's tlog-tiles
 * URL space ({@code checkpoint}, {@code tile/...}, and {@code vkey} and the like beside them), so the bucket
 * can be served as it is.
 *
 * <p>How each kind of object is written, which is what makes several writers safe:
 * <ul>
 *   <li>full tiles and full entry bundles are immutable: {@code If-None-Match: *}; a 412 where the object holds
 *       these very bytes is success (an integration repeated after a crash), other bytes a
 *       {@link WriteConflictException} naming the path;
 *   <li>the checkpoint changes only by {@link #replace}: {@code If-Match} on the ETag of the checkpoint the
 *       writer expects (the one it last read or wrote, fetched again if it expects another), or
 *       {@code If-None-Match: *} for the first; a 412 is a lost race. The integrator replaces partial tiles the
 *       same way, so it never overwrites one it has not seen;
 *   <li>by {@link #write}, partial tiles and other files are overwritten.
 * </ul>
 * A 409 (a concurrent conditional write in progress, as AWS documents it) is retried. Credentials and region
 * come from the AWS SDK's default chains (environment variables, system properties, profile files, container
 * and instance metadata); nothing here reads or stores a secret.
 */
public final class S3Storage implements LogStorage, AutoCloseable {
    private static final int CONFLICT_RETRIES = 5;

    /** The checkpoint as last read or written by this storage, with its ETag: what a swap expects. */
    private record Seen(byte[] bytes, String etag) {}

    private final S3Client s3;
    private final S3Location location;
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    /** The checkpoint as last read or written here, so that a swap from it needs no read first. */
    private volatile Seen checkpoint;

    private S3Storage(S3Client s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    /**
     * Opens the log location with a client of its own: the JDK's URLConnection for HTTP, path-style addressing
     * when an endpoint is given, and the SDK's default credential and region chains (for a custom endpoint with
     * no region configured anywhere, {@code us-east-1}, which is what such services expect to be signed for).
     */
    public static S3Storage open(S3Location location) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // Checksums only where the API demands them: S3-compatible services that predate the SDK's
                // default trailing checksums (2.30) reject them, and TLS and the ETag already protect the bytes.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .region(region(location.endpoint()));
        location.endpoint().ifPresent(e -> builder.endpointOverride(e).forcePathStyle(true));
        return new S3Storage(builder.build(), location);
    }

    private static Region region(Optional<URI> endpoint) {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            if (endpoint.isPresent()) {
                return Region.US_EAST_1;
            }
            throw new IllegalStateException("no AWS region configured (set AWS_REGION, or a profile's region): "
                    + e.getMessage(), e);
        }
    }

    public S3Location location() {
        return location;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        return get(path).map(Seen::bytes);
    }

    private Optional<Seen> get(String path) throws IOException {
        String key = location.key(checkPath(path));
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(GetObjectRequest.builder()
                    .bucket(location.bucket()).key(key).build());
            Seen seen = new Seen(object.asByteArray(), object.response().eTag());
            if (path.equals(CHECKPOINT)) {
                checkpoint = new Seen(seen.bytes().clone(), seen.etag());
            }
            return Optional.of(seen);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("reading", path, e);
        }
    }

    @Override
    public void write(Map<String, byte[]> files) throws IOException {
        List<Future<Void>> puts = new ArrayList<>(files.size());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String path = checkPath(f.getKey());
            if (path.equals(CHECKPOINT)) {
                throw new IllegalArgumentException("the checkpoint changes only by replaceCheckpoint");
            }
            byte[] bytes = f.getValue().clone();
            puts.add(io.submit(() -> {
                if (isImmutable(path)) {
                    create(path, bytes);
                } else {
                    put(path, bytes, null, null);
                }
                return null;
            }));
        }
        IOException first = null;
        for (Future<Void> put : puts) {
            try {
                put.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing to " + location);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Writes an immutable object once; finding these bytes already there is success, other bytes a conflict. */
    private void create(String path, byte[] bytes) throws IOException {
        if (put(path, bytes, null, "*").isEmpty()) {
            throw new WriteConflictException(path,
                    "an immutable tile already holds other bytes (another writer's entries)");
        }
    }

    @Override
    public void replace(String path, Optional<byte[]> expected, byte[] next) throws IOException {
        checkPath(path);
        Optional<String> written;
        if (expected.isEmpty()) {
            written = put(path, next, null, "*");
        } else {
            Seen seen = path.equals(CHECKPOINT) ? checkpoint : null;
            if (seen == null || !Arrays.equals(seen.bytes(), expected.get())) {
                seen = get(path).filter(there -> Arrays.equals(there.bytes(), expected.get()))
                        .orElseThrow(() -> new WriteConflictException(path, "another writer wrote it since"));
            }
            // If-Match: the object is still the one just compared, or nothing is written.
            written = put(path, next, seen.etag(), null);
        }
        if (written.isEmpty()) {
            throw new WriteConflictException(path, "another writer wrote it since");
        }
        if (path.equals(CHECKPOINT)) {
            checkpoint = new Seen(next.clone(), written.get());
        }
    }

    /**
     * One PUT, conditional if asked.
     *
     * @return the object's ETag once it holds these bytes, or empty if the condition did not hold and it holds
     *     other bytes
     */
    private Optional<String> put(String path, byte[] bytes, String ifMatch, String ifNoneMatch) throws IOException {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(location.bucket()).key(location.key(path))
                .contentType(path.startsWith("tile/") ? "application/octet-stream" : "text/plain; charset=utf-8")
                .ifMatch(ifMatch).ifNoneMatch(ifNoneMatch)
                .build();
        boolean conditional = ifMatch != null || ifNoneMatch != null;
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(s3.putObject(request, RequestBody.fromBytes(bytes)).eTag());
            } catch (S3Exception e) {
                if (conditional && (e.statusCode() == 412 || (ifMatch != null && e.statusCode() == 404))) {
                    return settle(path, bytes, ifMatch, e);
                }
                if (conditional && e.statusCode() == 409 && attempt < CONFLICT_RETRIES) {
                    continue; // "ConditionalRequestConflict": another conditional write was in flight; ask again
                }
                if (conditional && e.statusCode() >= 500) {
                    return settle(path, bytes, ifMatch, e); // the server may have stored it before failing
                }
                throw failure("writing", path, e);
            } catch (SdkException e) {
                if (conditional) {
                    return settle(path, bytes, ifMatch, e);
                }
                throw failure("writing", path, e);
            }
        }
    }

    /**
     * What became of a conditional PUT whose answer was a failed condition or was lost, from what the object
     * holds now. Both happen without any other writer: the SDK retries a PUT whose success answer was lost,
     * and the retry finds its own object (412); a server may fail after storing (5xx); and a server may answer a failed condition before it has read
     * the body and close the connection, so the client sees only a broken write (S3Proxy under load does).
     * These bytes there mean the write happened (or an identical one, which for a tile or a signed checkpoint
     * is the same thing). Otherwise a failed condition is a lost race; a lost answer is one only if the
     * condition visibly fails now, and an I/O failure if not.
     */
    private Optional<String> settle(String path, byte[] bytes, String ifMatch, SdkException cause)
            throws IOException {
        Optional<Seen> now = get(path);
        if (now.isPresent() && Arrays.equals(now.get().bytes(), bytes)) {
            return Optional.of(now.get().etag());
        }
        boolean conditionFails = ifMatch == null ? now.isPresent()
                : now.isEmpty() || !now.get().etag().equals(ifMatch);
        boolean definite = cause instanceof S3Exception e && e.statusCode() < 500;
        if (definite || conditionFails) {
            return Optional.empty();
        }
        throw failure("writing", path, cause);
    }

    /** Nothing stops another machine writing the same bucket. */
    @Override
    public boolean sharedByWriters() {
        return true;
    }

    @Override
    public void deleteAll(String dir) throws IOException {
        String prefix = location.key(checkPath(dir)) + "/";
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents()) {
                s3.deleteObject(b -> b.bucket(location.bucket()).key(o.key()));
            }
        } catch (SdkException e) {
            throw failure("deleting under", dir, e);
        }
    }

    private static boolean isImmutable(String path) {
        try {
            return TilePath.parse(path).isFull();
        } catch (TilePathException e) {
            return false;
        }
    }

    /** Log paths are relative and plain: nothing that could name an object outside the prefix. */
    private static String checkPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")
                || Arrays.stream(path.split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("path '" + path + "' is outside the log");
        }
        return path;
    }

    private IOException failure(String doing, String path, SdkException e) {
        return new IOException(doing + " " + path + " in " + location + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        io.close();
        s3.close();
    }
}
