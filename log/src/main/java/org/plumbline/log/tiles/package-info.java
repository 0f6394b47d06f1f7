/**
 * C2SP tlog-tiles: tile and entry-bundle paths ({@code tile/<L>/<N>[.p/<W>]}), entry bundles, and which
 * tile holds which node. Byte layouts only; no I/O.
 */
package org.plumbline.log.tiles;
