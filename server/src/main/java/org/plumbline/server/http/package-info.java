/**
 * The HTTP plumbing every handler shares, below {@code auth}, {@code api} and {@code web}: the one error
 * type a handler throws ({@link org.plumbline.server.http.ApiException}) and how it and the domain's
 * exceptions become a status and a JSON body ({@link org.plumbline.server.http.ApiErrors}), path
 * parameters ({@link org.plumbline.server.http.PathParams}), the server's JSON mapper and its limits
 * ({@link org.plumbline.server.http.Json}), the cap on request bodies ({@link org.plumbline.server.http.BodyLimit}), a multipart body read in memory
 * ({@link org.plumbline.server.http.MemoryMultipart}),
 * and {@link org.plumbline.server.http.LogSafe} (request text escaped for the application log).
 *
 * <p>Here rather than in {@code api} because sign-in ({@code auth}) answers errors too: kept in {@code api},
 * auth and api would import each other. May use core's exceptions and Javalin (and, for the body cap,
 * the Jetty under it); nothing else of the server.
 */
package org.plumbline.server.http;
