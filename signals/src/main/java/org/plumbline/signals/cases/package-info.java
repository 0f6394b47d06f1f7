/**
 * Usage signals joined to core's cases: the one bridge between the rules and the recorded domain.
 * {@link org.plumbline.signals.cases.UsageSignals} keeps uploaded FOCUS files, scans on upload, on request
 * or on a schedule, and reports what the latest scan did ({@link org.plumbline.signals.cases.ScanReport});
 * {@link org.plumbline.signals.cases.FindingRaiser} turns a scan's findings into core's
 * {@code finding.raised} records and cases, for the server and the command line alike. Core's engagements
 * and directives are read as the rules' declarations here too, so neither the HTTP layer nor the CLI maps
 * one model onto the other. Nothing here knows HTTP: bad input is core's
 * {@link org.plumbline.core.domain.ValidationException}, which the server answers with 400. Its files under
 * {@code <data-dir>/signals} are the server account's alone ({@code OwnerOnly}).
 */
package org.plumbline.signals.cases;
