/**
 * C2SP signed-note, tlog-checkpoint and tlog-cosignature: notes and their signatures, Ed25519 signing
 * and verifier keys in the {@code PRIVATE+KEY+…} and vkey forms other tlog tools use, and checkpoints.
 */
package org.plumbline.log.note;
