/**
 * A C2SP tlog-tiles transparency log, JDK only. {@link org.plumbline.log.DirectoryLog} is the embedded
 * log: {@link org.plumbline.log.Sequencer} makes an entry's index durable in the
 * {@link org.plumbline.log.Journal} before it answers, and {@link org.plumbline.log.Integrator} turns
 * sequenced entries into tiles, entry bundles and a signed checkpoint. {@link org.plumbline.log.LogReader}
 * and {@link org.plumbline.log.LogVerifier} read and check what was written;
 * {@link org.plumbline.log.CosignedCheckpoints} gets checkpoints cosigned by witnesses and publishes them. The formats live in the
 * subpackages, which never import this one. See {@code docs/log.md}.
 */
package org.plumbline.log;
