package org.plumbline.server.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One webhook POST, over a socket this class opens itself, because what the JDK's HTTP clients decide on
 * their own is exactly what a webhook must not do: resolve the host again after it was checked (DNS
 * rebinding), follow redirects (to an address never checked), or read a response of any size or at any pace.
 * So: connect to the address {@link WebhookAddress} checked, within {@link #CONNECT}; speak TLS to it with the
 * URL's host name for SNI and certificate checking; send one HTTP/1.1 request with {@code Connection: close};
 * read the status line only, at most {@link #MAX_STATUS_LINE} bytes, each read within {@link #READ} and all of
 * it within {@link #TOTAL}; never read the body. A 2xx is delivered; anything else, a 3xx included, is not.
 */
final class WebhookClient {
    static final Duration CONNECT = Duration.ofSeconds(5);
    static final Duration READ = Duration.ofSeconds(10);
    static final Duration TOTAL = Duration.ofSeconds(20);
    static final int MAX_STATUS_LINE = 256;

    private WebhookClient() {
    }

    /**
     * Posts {@code body} (JSON) to {@code uri} at {@code address} with {@code headers}; returns the status code.
     *
     * @throws IOException if it cannot connect, the peer is too slow, or the answer is not HTTP
     */
    static int post(URI uri, InetAddress address, Map<String, String> headers, byte[] body) throws IOException {
        boolean tls = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        long deadline = System.nanoTime() + TOTAL.toNanos();
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), (int) CONNECT.toMillis());
            plain.setSoTimeout((int) READ.toMillis());
            Socket socket = tls ? tls(plain, uri.getHost(), port) : plain;
            OutputStream out = socket.getOutputStream();
            out.write(head(uri, port, tls, headers, body.length).getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return status(socket.getInputStream(), socket, deadline);
        } finally {
            plain.close();
        }
    }

    private static Socket tls(Socket plain, String host, int port) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS in this JDK", e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");  // the certificate must name the URL's host
        if (!host.startsWith("[") && !host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        return ssl;
    }

    private static String head(URI uri, int port, boolean tls, Map<String, String> headers, int length) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (tls ? 443 : 80);
        StringBuilder h = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n")
                .append("User-Agent: Plumbline-Webhooks/1\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n");
        // Header names and values are ours (ids, numbers, base64): no CR or LF can get in.
        headers.forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
        return h.append("\r\n").toString();
    }

    /** The status code from "HTTP/1.x NNN …", reading no more than the status line. */
    private static int status(InputStream in, Socket socket, long deadline) throws IOException {
        byte[] line = new byte[MAX_STATUS_LINE];
        int n = 0;
        while (n < line.length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no answer within " + TOTAL.toSeconds() + " s");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(READ.toMillis(), left / 1_000_000)));
            int b = in.read();
            if (b == -1 || b == '\n') {
                break;
            }
            line[n++] = (byte) b;
        }
        String text = new String(line, 0, n, StandardCharsets.US_ASCII).strip();
        if (!text.matches("HTTP/1\\.[01] [1-5][0-9][0-9]( .*)?")) {
            throw new IOException("not an HTTP/1.1 answer");
        }
        return Integer.parseInt(text.substring(9, 12));
    }
}
