package org.plumbline.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.CaseState;
import org.plumbline.core.domain.Directive;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.core.domain.Engagement;

class DemoScenarioTest {

    @Test
    void loadsTheScenarioOnceAndASecondRunAddsNothing() {
        try (FreshCore f = new FreshCore()) {
            DemoScenario demo = f.scenario();
            DemoScenario.Result first = demo.load();
            assertThat(first.customersCreated()).isEqualTo(12);
            assertThat(first.engagementsCreated()).isEqualTo(12);
            assertThat(first.casesCreated()).isEqualTo(3);
            assertThat(f.core.customers().list()).extracting(c -> c.name())
                    .containsExactlyInAnyOrderElementsOf(DemoScenario.customerNames());

            Engagement reviewed = f.core.engagements().byReference(DemoScenario.REVIEWED_ENGAGEMENT).orElseThrow();
            assertThat(reviewed.status().name()).isEqualTo("SUSPENDED");
            assertThat(reviewed.severity()).isEqualTo(5);
            CaseFile c = f.core.cases().forEngagement(reviewed.id()).get(0);
            assertThat(c.state()).isEqualTo(CaseState.DECIDED);
            assertThat(f.core.cases().evidence(c.id())).hasSize(2);
            assertThat(f.core.cases().assessments(c.id())).hasSize(1);
            assertThat(f.core.cases().decision(c.id())).isPresent();
            List<Directive> directives = f.core.directives().forEngagement(reviewed.id());
            assertThat(directives).singleElement().satisfies(d -> {
                assertThat(d.services()).containsExactly("Speech to Text", "Blob Storage");
                assertThat(DirectiveSigner.verify(f.core.directives().publicKey(), d.payload(), d.signature())).isTrue();
                assertThat(d.ack()).isNull();
            });
            // One story: the case is the one the metering findings opened, and its text quotes their figures.
            assertThat(f.core.cases().forEngagement(reviewed.id())).singleElement().extracting(CaseFile::id).isEqualTo(c.id());
            var bulk = f.core.findings().forCase(c.id()).stream().map(r -> r.finding())
                    .filter(x -> x.rule().equals(DemoScenario.BULK_RULE)).findFirst().orElseThrow();
            String audio = String.format(java.util.Locale.ROOT, "%,.0f audio-hours",
                    ((Number) bulk.figures().get("audio_hours_per_day")).doubleValue());
            String storage = String.format(java.util.Locale.ROOT, "%,.0f TB", ((Number) bulk.figures().get("storage_tb")).doubleValue());
            assertThat(f.core.cases().comments(c.id())).singleElement().satisfies(cm ->
                    assertThat(cm.body()).contains(audio).contains(storage).contains(bulk.account()));
            assertThat(f.core.cases().decision(c.id()).orElseThrow().rationale()).contains(audio).contains(storage);
            var metering = f.core.cases().evidence(c.id()).stream().filter(ev -> ev.fileName().equals("metering-summary.csv"))
                    .findFirst().orElseThrow();
            assertThat(new String(f.core.cases().evidenceContent(metering.sha256()).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(String.format(java.util.Locale.ROOT, "speech transcribed,%.0f,audio-hours/day",
                            ((Number) bulk.figures().get("audio_hours_per_day")).doubleValue()));
            assertThat(c.assignee()).isEqualTo("rasmus.lindqvist");
            assertThat(f.core.cases().list(CaseState.IN_REVIEW)).hasSize(1);
            assertThat(f.core.cases().list(CaseState.OPEN)).hasSize(1);

            long log = f.logCount();
            long rows = f.rows("case_file") + f.rows("evidence") + f.rows("engagement_version") + f.rows("directive");
            DemoScenario.Result second = f.scenario().load();
            assertThat(second.customersCreated()).isZero();
            assertThat(second.engagementsCreated()).isZero();
            assertThat(second.casesCreated()).isZero();
            assertThat(second.customersTotal()).isEqualTo(12);
            assertThat(f.logCount()).isEqualTo(log);
            assertThat(f.rows("case_file") + f.rows("evidence") + f.rows("engagement_version") + f.rows("directive"))
                    .isEqualTo(rows);
        }
    }
}
