/**
 * The Plumbline server's entry point, and nothing else: {@link org.plumbline.server.PlumblineServer}
 * starts PostgreSQL, core, the log integrator and the HTTP server, wires the packages below together and
 * closes them; {@link org.plumbline.server.ServerConfig} says where and how. Everything a request touches
 * lives in a package by concern:
 *
 * <ul>
 *   <li>{@code auth}: who is asking and what they may do (accounts, sessions, tokens, the access table);
 *   <li>{@code api}: the JSON API under {@code /api} and the public log under {@code /log};
 *   <li>{@code web}: the server-rendered pages;
 *   <li>{@code log}: the transparency log's integrator (tiles and checkpoints on disk);
 *   <li>{@code demo}: the demo's people and metering;
 *   <li>{@code signals}: usage signals (uploads, scans, findings to cases), on its way to the signals module.
 * </ul>
 *
 * <p>This package may use all of them; none of them uses it (nothing calls back into the entry point).
 * The security headers every response carries are set here, where every response passes; the decisions
 * behind them are in {@code docs/SECURITY.md}.
 */
package org.plumbline.server;
