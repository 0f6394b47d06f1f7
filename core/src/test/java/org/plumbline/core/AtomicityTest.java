package org.plumbline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseOrigin;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.DecisionInput;
import org.plumbline.core.domain.DecisionKind;
import org.plumbline.core.domain.EscalationLevel;
import org.plumbline.core.domain.NewCase;

/**
 * A database failure in the middle of an operation, after its log entry was inserted, leaves
 * neither the domain rows nor the log entry behind. The failure is real: a PostgreSQL trigger
 * raising an error on a table the operation writes after appending to the log.
 */
class AtomicityTest {
    private static Fixture f;

    @BeforeAll
    static void start() {
        f = new Fixture();
        f.db.withHandle(h -> h.execute("""
                CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'injected failure on %', TG_TABLE_NAME; END $$"""));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @AfterEach
    void removeTriggers() {
        for (String table : List.of("engagement_version", "directive", "case_file", "directive_ack")) {
            f.db.withHandle(h -> h.execute("DROP TRIGGER IF EXISTS inject ON " + table));
        }
    }

    private static void failInsertsInto(String table) {
        f.db.withHandle(h -> h.execute("CREATE TRIGGER inject BEFORE INSERT ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION fail_insert()"));
    }

    private void assertLogAndDomainAgree() {
        // every domain row's log index exists, and the counter equals the number of entries
        long entries = f.rows("log_entry");
        assertThat(f.logCount()).isEqualTo(entries);
        assertThat(f.rows("log_entry WHERE idx >= " + entries)).isZero();
        for (String table : List.of("customer", "engagement_version", "case_file", "case_event", "assessment",
                "evidence", "decision", "directive", "directive_ack")) {
            assertThat(f.rows(table + " t WHERE NOT EXISTS (SELECT 1 FROM log_entry l WHERE l.idx = t.log_index)"))
                    .as(table).isZero();
        }
    }

    @Test
    void failedDeclarationLeavesNoEngagementAndNoLogEntry() {
        long customer = f.customer().id();
        long log = f.logCount();
        long engagements = f.rows("engagement");
        failInsertsInto("engagement_version");
        assertThatThrownBy(() -> f.core.engagements().declare(customer, "ENG-FAIL", Fixture.cyberDefence(), "user/am"))
                .hasMessageContaining("injected failure on engagement_version");
        assertThat(f.logCount()).isEqualTo(log);
        assertThat(f.rows("engagement")).isEqualTo(engagements);
        assertThat(f.rows("record_secret WHERE idx >= " + log)).isZero();
        assertThat(f.core.engagements().byReference("ENG-FAIL")).isEmpty();
        assertLogAndDomainAgree();
        removeTriggers();
        // and the same operation then succeeds, at the index the failed one would have taken
        assertThat(f.core.engagements().declare(customer, "ENG-FAIL", Fixture.cyberDefence(), "user/am").logIndex())
                .isEqualTo(log);
    }

    @Test
    void failedDirectiveUndoesTheWholeDecision() {
        long engagement = f.engagement().engagementId();
        CaseFile c = f.core.cases().open(new NewCase(engagement, CaseOrigin.MANUAL, null, "t", "s", true, null), "user/r");
        CaseFile inReview = f.core.cases().move(c.id(), c.version(), CaseState.IN_REVIEW, "", "user/r");
        long log = f.logCount();
        failInsertsInto("directive");
        assertThatThrownBy(() -> f.core.cases().decide(inReview.id(), inReview.version(), new DecisionInput(
                DecisionKind.SUSPEND, List.of("sub-1001"), List.of("Speech to Text"), null, "x", EscalationLevel.LEADERSHIP),
                "user/l")).hasMessageContaining("injected failure on directive");
        // two records (decision.made, directive.issued) had been appended in that transaction: both gone
        assertThat(f.logCount()).isEqualTo(log);
        assertThat(f.core.cases().get(c.id())).isEqualTo(inReview);
        assertThat(f.core.cases().decision(c.id())).isEmpty();
        assertThat(f.core.engagements().get(engagement).status().name()).isEqualTo("ACTIVE");
        assertLogAndDomainAgree();
    }

    @Test
    void failedFindingLeavesNeitherFindingNorCase() {
        long engagement = f.engagement().engagementId();
        long log = f.logCount();
        long cases = f.rows("case_file");
        failInsertsInto("case_file");
        assertThatThrownBy(() -> f.core.findings().raise(f.finding(engagement, "rule-x", "t", null, "s"),
                "system/signals")).hasMessageContaining("injected failure on case_file");
        assertThat(f.logCount()).isEqualTo(log);
        assertThat(f.rows("case_file")).isEqualTo(cases);
        assertLogAndDomainAgree();
    }
}
