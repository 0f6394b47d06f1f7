/**
 * A C2SP tlog-witness v1.0.0 witness: {@link org.plumbline.log.witness.WitnessedLogs} is the list of logs
 * it witnesses (the witness network's {@code logs/v0} format), {@link org.plumbline.log.witness.AddCheckpoint}
 * parses an {@code add-checkpoint} request and decides its answer as a pure function of the stored state,
 * {@link org.plumbline.log.witness.WitnessState} keeps the latest cosigned checkpoint of each log on disk and
 * makes check and update one crash-safe step, {@link org.plumbline.log.witness.Witness} puts them together
 * with the cosigning key, and {@link org.plumbline.log.witness.WitnessServer} serves it over HTTP with the
 * JDK's own server. {@link org.plumbline.log.witness.WitnessClient} is the other side: the log asking the
 * witnesses of a tlog-policy to cosign its checkpoints. Imports {@code note}, {@code merkle}, {@code policy} and
 * {@code storage}; imported by the log's root package ({@code CosignedCheckpoints}) and the CLI. See
 * {@code docs/log.md}, "The witness" and "Getting checkpoints cosigned".
 */
package org.plumbline.log.witness;
