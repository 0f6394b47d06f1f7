package org.plumbline.log.storage.s3;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

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
    private static S3TestServer instance;

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
                    .blobStore(context.getBlobStore())
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
