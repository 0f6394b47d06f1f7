/**
 * RFC 6962 Merkle hashing, and inclusion and consistency proofs generated from perfect subtrees and
 * verified. Pure functions over hashes; where a node comes from is a {@link org.plumbline.log.merkle.NodeReader}.
 */
package org.plumbline.log.merkle;
