package org.plumbline.cli;

import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;

/**
 * An in-process S3 server (S3Proxy over jclouds' in-memory store) for the commands that take
 * {@code --storage s3://...}. The log module's tests have their own; this one also hands out the credentials
 * as environment variables, the way an operator would give them to {@code plumbline}.
 */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "cli-test";
    static final String SECRET_KEY = "cli-test-secret";

    private final S3Proxy proxy;
    private final BlobStore store;
    final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, BlobStore store, URI endpoint) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = endpoint;
    }

    static S3ProxyServer start(String bucket) throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(1);
        }
        context.getBlobStore().createContainerInLocation(null, bucket);
        return new S3ProxyServer(proxy, context.getBlobStore(), URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    /** What the AWS SDK's default chains read from the environment. */
    static Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", "us-east-1");
    }

    /** Sets the credentials as the system properties the AWS SDK's default chain reads, for clients in this JVM. */
    static void useInThisJvm() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.region", "us-east-1");
    }

    byte[] object(String bucket, String key) throws Exception {
        Blob blob = store.getBlob(bucket, key);
        try (var in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    void put(String bucket, String key, byte[] bytes) {
        store.putBlob(bucket, store.blobBuilder(key).payload(bytes).build());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
