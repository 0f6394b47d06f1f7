/**
 * The {@code plumbline} command (picocli): one class per command or command group, each a thin shell
 * over the module that does the work (log, signals, server). The benchmarks live here too, so that no
 * module's main sources carry measuring code. Nothing here holds domain rules.
 */
package org.plumbline.cli;
