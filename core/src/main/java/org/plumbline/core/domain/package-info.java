/**
 * Immutable domain values and the pure rules over them: declarations and the controlled
 * vocabulary, UNGP assessment scoring, the case state machine, the escalation policy, the review
 * schedule and directive signing. No SQL, no HTTP.
 */
package org.plumbline.core.domain;
