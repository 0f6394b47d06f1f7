package org.plumbline.log.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Serves a {@link Witness} over HTTP with the JDK's built-in server, one virtual thread per request:
 * {@code POST /add-checkpoint} (tlog-witness v1.0.0, with the submission prefix at the root).
 *
 * <p>Request bodies are bounded: a body over {@value #MAX_BODY} bytes is refused with 413 before it
 * is parsed, whether its length was declared or it came chunked (the body is read only up to one
 * byte past the limit). 64 KiB is far more than a checkpoint, 63 proof hashes and the 100
 * signatures a note may carry at Ed25519 size need, so no honest log is refused.
 */
public final class WitnessServer implements AutoCloseable {
    /** Largest request body accepted, in bytes. */
    public static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;

    private WitnessServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code witness} on {@code address}. */
    public static WitnessServer start(Witness witness, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> handle(witness, exchange));
        server.start();
        return new WitnessServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(Witness witness, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getRawPath().equals("/add-checkpoint")) {
                send(exchange, new Witness.Response(404, Witness.TEXT, bytes("not found; this witness serves POST /add-checkpoint\n")));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, new Witness.Response(405, Witness.TEXT, bytes("add-checkpoint takes POST\n")));
                return;
            }
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && declared.length() > 7) {
                send(exchange, tooLarge());
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                send(exchange, tooLarge());
                return;
            }
            Witness.Response response;
            try {
                response = witness.addCheckpoint(body);
            } catch (IOException e) {
                // The state could not be made durable: nothing was cosigned.
                response = new Witness.Response(500, Witness.TEXT, bytes("the witness could not store its state\n"));
            } catch (IllegalStateException e) {
                // WitnessState refused to roll back: a bug, but the answer is still a refusal, not a cosignature.
                response = new Witness.Response(500, Witness.TEXT, bytes("internal error; nothing was cosigned\n"));
            }
            send(exchange, response);
        }
    }

    private static Witness.Response tooLarge() {
        return new Witness.Response(413, Witness.TEXT, bytes("request body is larger than " + MAX_BODY + " bytes\n"));
    }

    private static void send(HttpExchange exchange, Witness.Response r) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        byte[] body = r.body();
        exchange.sendResponseHeaders(r.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
