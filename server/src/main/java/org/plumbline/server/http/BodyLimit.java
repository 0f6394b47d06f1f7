package org.plumbline.server.http;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.server.HttpInput;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.servlet.FilterHolder;

/**
 * The one cap on a request body (32 MiB), held while the bytes arrive, whatever the transfer encoding.
 *
 * <p>Javalin's {@code maxRequestSize} compares only the declared {@code Content-Length}: a chunked body has
 * none, so it was read whole into memory (six 700 MB anonymous sign-in bodies exhausted the heap). Here a
 * declared length over the cap is answered 413 before any handler runs, and every other body is counted by
 * an interceptor on Jetty's own input, below the servlet API: JSON, forms and multipart parsing (which
 * Jetty does from its own stream, past any request wrapper) all read through it, and the first byte past
 * the cap fails the read with {@link TooLarge}, which {@link ApiErrors} answers with 413.
 */
public final class BodyLimit implements Filter {
    /** The most any request may carry; larger usage exports go in the signals inbox. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    static final String MESSAGE = "the request body is larger than 32 MiB";

    private BodyLimit() {
    }

    /** Caps every request of the server {@code cfg} configures. */
    public static void install(JavalinConfig cfg) {
        cfg.http.maxRequestSize = MAX_BYTES;
        cfg.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(new BodyLimit()), "/*",
                EnumSet.of(DispatcherType.REQUEST)));
    }

    /** Thrown (inside Jetty's read, so it arrives wrapped in an IOException) at the first byte past the cap. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(MESSAGE, null, false, false);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            // Declared too large: answer without reading a byte, and close, since the body is not drained.
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(413);
            http.setHeader("Connection", "close");
            http.setHeader("Cache-Control", "no-store");
            http.setContentType("application/json");
            http.getOutputStream().write(("{\"error\":\"too-large\",\"message\":\"" + MESSAGE + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        Request.getBaseRequest(request).getHttpInput().addInterceptor(new Counter());
        chain.doFilter(request, response);
    }

    /** Counts the body's bytes as Jetty hands them over; Jetty drops it when the connection takes the next request. */
    private static final class Counter implements HttpInput.Interceptor {
        private long seen;
        private HttpInput.Content last;

        @Override
        public HttpInput.Content readFrom(HttpInput.Content content) {
            if (content != null && !content.isSpecial() && content != last) {
                last = content;
                seen += content.remaining();
                if (seen > MAX_BYTES) {
                    throw new TooLarge();
                }
            }
            return content;
        }
    }
}
