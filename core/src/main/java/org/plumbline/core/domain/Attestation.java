package org.plumbline.core.domain;

/**
 * The named account manager's attestation of a declaration. The name is confidential (committed
 * in the log, revealable to an auditor); the statement is public.
 *
 * @param accountManager the full name of the account manager who attests
 * @param statement what they attest, e.g. "I have verified the purposes with the customer's CIO."
 */
public record Attestation(String accountManager, String statement) {}
