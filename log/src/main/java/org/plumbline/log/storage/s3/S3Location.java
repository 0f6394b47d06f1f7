package org.plumbline.log.storage.s3;

import java.net.URI;
import java.util.Optional;

/**
 * Where in object storage a log lives: {@code s3://BUCKET/PREFIX}, and the endpoint of an S3-compatible
 * service other than AWS's (then addressed path-style: {@code ENDPOINT/BUCKET/KEY}).
 *
 * @param bucket the bucket name
 * @param prefix the key prefix the log's URL space sits under, without a leading or trailing {@code /};
 *     empty for the bucket's root
 * @param endpoint the service's base URL; empty for AWS's own endpoints
 */
public record S3Location(String bucket, String prefix, Optional<URI> endpoint) {
    public S3Location {
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-')");
        }
        if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' has an empty path segment");
        }
        for (String segment : prefix.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("prefix '" + prefix + "' has a '" + segment + "' segment");
            }
        }
        if (prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("prefix has a control character");
        }
        endpoint.ifPresent(e -> {
            if (!"http".equals(e.getScheme()) && !"https".equals(e.getScheme()) || e.getHost() == null) {
                throw new IllegalArgumentException("endpoint '" + e + "' is not an http(s) URL with a host");
            }
        });
    }

    /**
     * Parses {@code s3://BUCKET} or {@code s3://BUCKET/PREFIX} (a trailing {@code /} is dropped).
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    public static S3Location parse(String url, Optional<URI> endpoint) {
        if (!url.startsWith("s3://")) {
            throw new IllegalArgumentException("'" + url + "' is not an s3://BUCKET/PREFIX URL");
        }
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return new S3Location(bucket, prefix, endpoint);
    }

    /** The object key of a log path. */
    String key(String path) {
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + endpoint.map(e -> " at " + e).orElse("");
    }
}
