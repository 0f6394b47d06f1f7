/**
 * Immutable domain values and the pure rules over them: declarations and the controlled
 * vocabulary, UNGP assessment scoring, the case state machine, the escalation policy, the review
 * schedule and directive signing; and the domain's errors (bad input naming its fields, a conflict, a
 * missing entity), which every layer above translates. No SQL, no HTTP; nothing of core's services.
 */
package org.plumbline.core.domain;
