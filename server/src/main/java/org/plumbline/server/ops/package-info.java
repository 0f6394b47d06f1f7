/**
 * Operations endpoints, for whoever runs the server rather than for its users: {@code /healthz}
 * ({@link org.plumbline.server.ops.Health}: the process answers), {@code /readyz}
 * ({@link org.plumbline.server.ops.Readiness}: the database answers and the log is integrating) and
 * {@code /metrics} ({@link org.plumbline.server.ops.Metrics}, Prometheus text format, guarded by
 * {@link org.plumbline.server.ops.MetricsAccess}). {@link org.plumbline.server.ops.Operations} wires them
 * into the server's Javalin configuration.
 *
 * <p>They are plain Javalin handlers, not API {@code Route}s: their access rules are not roles (health and
 * readiness are anonymous and cheap; metrics are for loopback or a configured token), and they are not part
 * of the API's OpenAPI document. What a public, anonymous endpoint may cost is bounded: readiness queries
 * the database at most once a second however often it is asked ({@link org.plumbline.server.ops.Sampled}).
 *
 * <p>May use {@code log} (the integrator's state), core's services and {@code Database}, signals' bridge
 * (scan counts), Micrometer, HikariCP's Micrometer binding and Javalin. Nothing in the server imports this
 * package but the entry point.
 */
package org.plumbline.server.ops;
