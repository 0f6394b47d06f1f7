/**
 * C2SP tlog-proof@v1: offline proof files (an entry's index, its inclusion proof and a checkpoint),
 * written and verified against a policy.
 */
package org.plumbline.log.proof;
