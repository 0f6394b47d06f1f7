/**
 * The server-rendered pages: {@link org.plumbline.server.web.Web} (the plumbing: who is signed in, the
 * page frame, sign-in and sign-out, guarded pages and form posts, the error page),
 * {@link org.plumbline.server.web.SingleSignOnPages} (the browser's side of single sign-on), the pages by area
 * ({@link org.plumbline.server.web.WebPages}: dashboard, engagements, cases, directives, records, the log;
 * {@link org.plumbline.server.web.FindingPages}; {@link org.plumbline.server.web.AdminPages};
 * {@link org.plumbline.server.web.AccountPages}) and what the templates need
 * ({@link org.plumbline.server.web.Templates}, {@link org.plumbline.server.web.WebPage}, {@code Form},
 * {@code Forms}, {@code Fmt}).
 *
 * <p>The JTE templates are in {@code server/src/main/jte} and are compiled at build time into this
 * package (the jte-maven-plugin's {@code packageName}), so the helpers they use stay package-private.
 *
 * <p>Pages decide access with the same {@link org.plumbline.server.auth.AccessPolicy} as the API, and do
 * their work through the {@code api} classes' operations, so that a form and a JSON request are validated,
 * recorded and refused alike. May use {@code api}, {@code auth}, {@code log}, {@code signals} and core;
 * nothing uses it but the entry point.
 */
package org.plumbline.server.web;
