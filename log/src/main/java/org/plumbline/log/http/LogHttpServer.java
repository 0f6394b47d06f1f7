package org.plumbline.log.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Serves a log's read side over HTTP with the JDK's built-in server, one virtual thread per
 * request. For the stand-alone {@code plumbline log serve}; the Plumbline server mounts
 * {@link LogResources} in its own HTTP stack instead.
 */
public final class LogHttpServer implements AutoCloseable {
    private final HttpServer server;

    private LogHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code resources} under {@code /} on {@code address}. */
    public static LogHttpServer start(LogResources resources, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> handle(resources, exchange));
        server.start();
        return new LogHttpServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(LogResources resources, HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            Optional<LogResources.Resource> r = path.startsWith("/") && exchange.getRequestURI().getRawQuery() == null
                    ? resources.get(path.substring(1)) : Optional.empty();
            if (r.isEmpty()) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                byte[] body = "not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, method.equals("HEAD") ? -1 : body.length);
                if (!method.equals("HEAD")) {
                    exchange.getResponseBody().write(body);
                }
                return;
            }
            LogResources.Resource res = r.get();
            exchange.getResponseHeaders().set("Content-Type", res.contentType());
            exchange.getResponseHeaders().set("Cache-Control", res.cacheControl());
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            byte[] body = res.body();
            if (res.compress()) {
                // A cache keeps one answer per encoding, so that a client that cannot gunzip never gets gzip.
                exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
                if (LogResources.acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
                    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                    body = gzip(body);
                }
            }
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 2 + 64);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
