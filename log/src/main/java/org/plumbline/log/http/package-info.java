/**
 * The read side over HTTP: {@link org.plumbline.log.http.LogResources} maps a tlog-tiles path to bytes and
 * headers with no HTTP library, and {@link org.plumbline.log.http.LogHttpServer} serves them with the
 * JDK's own server ({@code plumbline log serve}).
 */
package org.plumbline.log.http;
