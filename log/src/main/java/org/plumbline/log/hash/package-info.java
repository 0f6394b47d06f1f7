/**
 * SHA-256, the one digest every module of Plumbline uses (records, uploads, tokens, Merkle nodes), with
 * the lower-case hex it is written in. A package of its own, below everything else in the log, so that
 * {@code merkle} and {@code note} can use it without importing the log's root package, which imports them.
 */
package org.plumbline.log.hash;
