/**
 * The JSON API under {@code /api}, and the public log under {@code /log}: one class per resource
 * ({@link org.plumbline.server.api.EngagementApi}, {@link org.plumbline.server.api.CaseApi},
 * {@link org.plumbline.server.api.DirectiveApi}, {@link org.plumbline.server.api.RecordApi},
 * {@link org.plumbline.server.api.SignalsApi}, {@link org.plumbline.server.api.AdminApi},
 * {@link org.plumbline.server.api.SessionApi}, {@link org.plumbline.server.api.LogReadApi}), each
 * giving its {@link org.plumbline.server.api.Route}s to the one route table that registers the handlers,
 * generates {@link org.plumbline.server.api.OpenApiDocument} and is checked by the role matrix test. Beside
 * them: reading request bodies ({@link org.plumbline.server.api.RequestBody}), how domain values look in
 * JSON ({@link org.plumbline.server.api.Views})
 * and a finding's evidence chart ({@link org.plumbline.server.api.FindingChart}: SVG, served by
 * {@code /api/findings/{id}/chart.svg} and drawn inline by the finding page).
 *
 * <p>The public log's read side ({@code LogReadApi}) is here rather than in {@code log} because it is
 * routes like the others, and {@code RecordApi} needs the log for proofs: kept here, {@code log} depends on
 * nothing in the server.
 *
 * <p>May use: {@code http} (errors, path parameters, JSON), {@code auth} (every route names a permission; handlers get the authenticated
 * {@link org.plumbline.server.auth.Principal}), {@code log}, {@code signals}, core and the log module.
 * Never {@code web}: the pages call the operations here (the same validation and the same records as the
 * API), not the other way round.
 */
package org.plumbline.server.api;
