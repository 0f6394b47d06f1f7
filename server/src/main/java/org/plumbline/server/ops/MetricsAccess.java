package org.plumbline.server.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.plumbline.log.hash.Sha256;

/**
 * Who may read {@code /metrics}. Metrics say how busy the server is, how many cases are overdue and when
 * scans ran: not secrets, but not for the public either, and scraping them costs database queries. So:
 * <ul>
 *   <li>a client on this machine that did not come through a proxy (its address is loopback and the request
 *       carries none of {@code Forwarded}, {@code X-Forwarded-For}, {@code X-Real-IP}) may read them: it
 *       could read the process anyway. A reverse proxy on the same machine also connects from loopback,
 *       which is why a forwarding header takes the loopback exemption away;</li>
 *   <li>anyone else needs {@code Authorization: Bearer <token>} with the configured metrics token
 *       ({@code ServerConfig.metricsToken}), compared in constant time; without a configured token nobody
 *       else may read them. User sessions and user tokens do not count: a scraper is not a person and
 *       should not hold a role.</li>
 * </ul>
 */
final class MetricsAccess {
    /** Headers a proxy adds; any of them means the loopback address is the proxy's, not the client's. */
    static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

    /** What a request gets: the metrics, 401 (a token could let it in) or 403 (nothing could). */
    enum Decision { ALLOW, UNAUTHENTICATED, FORBIDDEN }

    /** SHA-256 of the token: comparing digests takes the same time whatever the length or prefix guessed. */
    private final Optional<byte[]> tokenDigest;

    MetricsAccess(Optional<String> token) {
        this.tokenDigest = token.map(MetricsAccess::sha256);
    }

    /**
     * @param remoteAddress the TCP peer's address as the server saw it (an IP literal)
     * @param header        the request's headers by name ({@code null} when absent)
     */
    Decision decide(String remoteAddress, Function<String, String> header) {
        boolean proxied = PROXY_HEADERS.stream().anyMatch(h -> header.apply(h) != null);
        if (!proxied && isLoopback(remoteAddress)) {
            return Decision.ALLOW;
        }
        if (tokenDigest.isEmpty()) {
            return Decision.FORBIDDEN;
        }
        String authorization = header.apply("Authorization");
        String prefix = "Bearer ";
        if (authorization != null && authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                && MessageDigest.isEqual(tokenDigest.get(), sha256(authorization.substring(prefix.length()).strip()))) {
            return Decision.ALLOW;
        }
        return Decision.UNAUTHENTICATED;
    }

    /** Only an IP literal is looked at (the socket's peer): nothing here resolves a name. */
    static boolean isLoopback(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return false;  // not an IP literal: never ask DNS
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] sha256(String s) {
        return Sha256.digest(s.getBytes(StandardCharsets.UTF_8));
    }
}
