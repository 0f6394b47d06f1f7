package org.plumbline.log.storage.s3;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.http.HttpResponseException;

/**
 * An S3 server in this process: S3Proxy over jclouds' transient (in-memory) store, on a free loopback port,
 * started once for the test JVM. Each {@link #newLocation} is a fresh bucket. Test credentials are set as the
 * system properties the AWS SDK's default chain reads, so the code under test finds them the way it would
 * find real ones ({@link #jvmArguments} passes them to child processes).
 */
public final class S3TestServer {
    private static final String ACCESS_KEY = "plumbline-test";
    private static final String SECRET_KEY = "plumbline-test-secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    /** Per bucket, the next writes to fail, and whether each fails after or before storing the object. */
    private static final Map<String, FailingWrites> FAULTS = new ConcurrentHashMap<>();
    private static S3TestServer instance;

    /** A server fault: the next {@code count} object writes to a bucket answer 500 (a store error S3Proxy cannot name). */
    private record FailingWrites(AtomicInteger count, boolean afterStoring) {}

    private final BlobStore store;
    private final URI endpoint;

    private S3TestServer(BlobStore store, URI endpoint) {
        this.store = store;
        this.endpoint = endpoint;
    }

    public static synchronized S3TestServer get() {
        if (instance == null) {
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
            System.setProperty("aws.region", "us-east-1");
            BlobStoreContext context = ContextBuilder.newBuilder("transient")
                    .credentials(ACCESS_KEY, SECRET_KEY).build(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(withFaults(context.getBlobStore()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            try {
                proxy.start();
                while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                    Thread.sleep(1);
                }
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
            instance = new S3TestServer(context.getBlobStore(), URI.create("http://127.0.0.1:" + proxy.getPort()));
        }
        return instance;
    }

    /**
     * The store as S3Proxy sees it: every call passes through, except that a write to a bucket given
     * {@link #failWrites} fails, after or before storing, as a server that crashes or loses its answer would.
     */
    private static BlobStore withFaults(BlobStore store) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (proxy, method, args) -> {
                    FailingWrites fault = method.getName().equals("putBlob") ? FAULTS.get((String) args[0]) : null;
                    boolean fail = fault != null && fault.count().getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                    if (fail && !fault.afterStoring()) {
                        throw new HttpResponseException("test fault: the write to " + args[0] + " failed", null, null);
                    }
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (fail) {
                        throw new HttpResponseException("test fault: stored in " + args[0] + ", answer lost", null, null);
                    }
                    return result;
                });
    }

    /** The next {@code count} object writes to this bucket fail with a 500, after or before storing. */
    public void failWrites(String bucket, int count, boolean afterStoring) {
        FAULTS.put(bucket, new FailingWrites(new AtomicInteger(count), afterStoring));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A new, empty bucket, and a prefix in it. */
    public S3Location newLocation(String prefix) {
        String bucket = "log-" + BUCKETS.incrementAndGet();
        store.createContainerInLocation(null, bucket);
        return new S3Location(bucket, prefix, Optional.of(endpoint));
    }

    /** What a child JVM needs on its command line to reach this server with the SDK's default chains. */
    public static List<String> jvmArguments() {
        return List.of("-Daws.accessKeyId=" + ACCESS_KEY, "-Daws.secretAccessKey=" + SECRET_KEY, "-Daws.region=us-east-1");
    }

    /** Puts bytes at a log path behind the storage's back (no conditions), as damage or an attacker would. */
    public void overwrite(S3Location location, String path, byte[] bytes) {
        store.putBlob(location.bucket(), store.blobBuilder(location.key(path)).payload(bytes).build());
    }

    /** Keys in a bucket, as the server holds them. */
    public List<String> keys(String bucket) {
        return store.list(bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive()).stream()
                .filter(m -> m.getType() == org.jclouds.blobstore.domain.StorageType.BLOB)
                .map(m -> m.getName()).sorted().toList();
    }
}
