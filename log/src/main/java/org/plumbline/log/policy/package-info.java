/**
 * C2SP tlog-policy: which logs and witnesses a verifier trusts, and the quorum of cosignatures a
 * checkpoint needs.
 */
package org.plumbline.log.policy;
