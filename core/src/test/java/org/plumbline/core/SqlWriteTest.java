package org.plumbline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A write as a value: its arguments renamed for sending with others, the appended index written in place. */
class SqlWriteTest {
    @Test
    void argumentsAreRenamedCastsAreLeftAndTheAppendedIndexIsWrittenInPlace() {
        SqlWrite w = SqlWrite.of("INSERT INTO t (a, b, idx) VALUES (:a, :b::jsonb, :idx)")
                .with("a", 1L).with("b", null).with("idx", SqlWrite.index(SqlWrite.PENDING));
        assertThat(w.sql("then0_")).isEqualTo(
                "INSERT INTO t (a, b, idx) VALUES (:then0_a, :then0_b::jsonb, (SELECT next - 1 FROM log_counter WHERE id = 1))");
        assertThat(SqlWrite.of("UPDATE t SET x = :x").with("x", 7L).with("idx", SqlWrite.index(7)).arguments())
                .containsEntry("idx", 7L);
    }

    @Test
    void aNameWithoutAnArgumentIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> SqlWrite.of("UPDATE t SET x = :x WHERE id = :id").with("x", 1).sql(""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(":id");
    }
}
