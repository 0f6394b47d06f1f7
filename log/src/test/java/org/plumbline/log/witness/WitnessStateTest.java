package org.plumbline.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.log.note.Checkpoint;

/** The state on its own: its second line of defence against rolling back, and what it does with odd files. */
class WitnessStateTest {
    @TempDir
    Path dir;

    private final TestTree tree = TestTree.of(20, -1);
    private final TestTree fork = TestTree.of(20, 3);

    private AddCheckpoint.Outcome cosign(WitnessState state, TestTree t, long size) throws IOException {
        Checkpoint cp = new Checkpoint("o", size, t.root(size));
        return state.apply("o", latest -> new AddCheckpoint.Outcome.Cosign(cp));
    }

    @Test
    void refusesToStoreASmallerTreeOrAnotherRootWhateverTheDecisionSays() throws Exception {
        try (WitnessState state = WitnessState.open(dir)) {
            cosign(state, tree, 10);
            assertThatThrownBy(() -> cosign(state, tree, 9)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> cosign(state, fork, 10)).isInstanceOf(IllegalStateException.class);
            cosign(state, tree, 10);
            cosign(state, fork, 12); // the decision's job, not the state's, to check consistency
        }
        try (WitnessState state = WitnessState.open(dir)) {
            assertThat(state.latest("o").orElseThrow().size()).isEqualTo(12);
            assertThat(state.origins()).containsExactly("o");
        }
    }

    @Test
    void aRefusalStoresNothing() throws Exception {
        try (WitnessState state = WitnessState.open(dir)) {
            state.apply("o", latest -> new AddCheckpoint.Outcome.Refuse(422, "no"));
            assertThat(state.latest("o")).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".lock");
        }
    }

    @Test
    void aWriteCutShortIsDiscardedAndAMisnamedFileRefused() throws Exception {
        try (WitnessState state = WitnessState.open(dir)) {
            cosign(state, tree, 5);
        }
        Files.writeString(dir.resolve("." + WitnessState.fileName("o") + ".tmp"), "o\n6\n");
        try (WitnessState state = WitnessState.open(dir)) {
            assertThat(state.latest("o").orElseThrow().size()).isEqualTo(5);
        }
        assertThat(dir.resolve("." + WitnessState.fileName("o") + ".tmp")).doesNotExist();
        Files.move(dir.resolve(WitnessState.fileName("o")), dir.resolve(WitnessState.fileName("p")));
        assertThatThrownBy(() -> WitnessState.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("holds a checkpoint of o");
    }
}
