package org.plumbline.server.auth;

/** Each thing a request can ask to do. {@link AccessPolicy} says which roles may do it. */
public enum Permission {
    /** the transparency log, records and their proofs, the API description: public by design */
    PUBLIC_READ,
    /** who am I, sign out, the declaration vocabulary */
    OWN_SESSION,
    ENGAGEMENT_READ,
    /** register customers, declare and amend engagements (attested by an account manager) */
    ENGAGEMENT_DECLARE,
    CASE_READ,
    CASE_OPEN,
    /** assess, move on the state machine, escalate */
    CASE_MANAGE,
    /** attach evidence, comment */
    CASE_WORK,
    CASE_ASSIGN,
    /** record a decision (the escalation policy then says whether the decider's rung suffices) */
    DECIDE,
    DIRECTIVE_READ,
    DIRECTIVE_ACK,
    /** upload FOCUS usage files and run usage-signal scans */
    USAGE_UPLOAD,
    /** when usage scans ran and what they did, and the accounts whose usage matches no engagement */
    USAGE_READ,
    /** send a report of a concern: anyone, without an account (the intake never looks at a session cookie) */
    INTAKE_SUBMIT,
    /**
     * the reporter's own report, by the token their receipt opened: no role is involved, so every role "has"
     * it and the route checks the token itself
     */
    INTAKE_REPORTER,
    /** intake recipients: list reports with their deadlines, read one (logged), reply, open a case from it */
    INTAKE_HANDLE,
    /** reveal a confidential field of a logged record */
    REVEAL,
    /** who read which confidential case, when (the {@code case.read} records, by person and case) */
    READS_AUDIT,
    USER_ADMIN
}
