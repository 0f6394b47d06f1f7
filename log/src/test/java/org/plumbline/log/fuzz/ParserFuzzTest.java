package org.plumbline.log.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz targets for the note, checkpoint, key, policy, proof-file, tile-path and
 * entry-bundle parsers.
 *
 * <p>Under plain JUnit (the default) each target runs once per input in its seed corpus,
 * {@code src/test/resources/org/plumbline/log/fuzz/ParserFuzzTestInputs/<target>/}, plus the
 * empty input. With {@code JAZZER_FUZZ=1} in the environment, Jazzer fuzzes one target for up to
 * maxDuration with coverage guidance; see docs/log-formats.md for the command. The contract is in
 * {@link FuzzTargets}.
 */
class ParserFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void note(byte[] input) {
        FuzzTargets.note(input);
    }

    @FuzzTest(maxDuration = "60s")
    void checkpoint(byte[] input) {
        FuzzTargets.checkpoint(input);
    }

    @FuzzTest(maxDuration = "60s")
    void keys(byte[] input) {
        FuzzTargets.keys(input);
    }

    @FuzzTest(maxDuration = "60s")
    void policy(byte[] input) {
        FuzzTargets.policy(input);
    }

    @FuzzTest(maxDuration = "60s")
    void proof(byte[] input) {
        FuzzTargets.proof(input);
    }

    @FuzzTest(maxDuration = "60s")
    void tilePath(byte[] input) {
        FuzzTargets.tilePath(input);
    }

    @FuzzTest(maxDuration = "60s")
    void entryBundle(byte[] input) {
        FuzzTargets.entryBundle(input);
    }
}
