package org.plumbline.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plumbline.core.SequencedEntries;
import org.junit.jupiter.api.io.TempDir;
import org.plumbline.core.domain.CaseFile;
import org.plumbline.core.domain.Decision;
import org.plumbline.core.domain.Engagement;
import org.plumbline.core.record.LogRecord;
import org.plumbline.core.record.Reveal;
import org.plumbline.log.CheckpointSigner;
import org.plumbline.log.Integrator;
import org.plumbline.log.LogReader;
import org.plumbline.log.merkle.Hashes;
import org.plumbline.log.merkle.Proofs;
import org.plumbline.log.note.KeyType;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.DirectoryStorage;

/**
 * End to end with the real log module: the records core sequenced in PostgreSQL are integrated into
 * C2SP tiles, and a decision found through {@link org.plumbline.core.Records#indexOf} has an inclusion proof against
 * the signed tree; a revealed confidential field of it checks against the proven bytes.
 */
class DemoLogProofTest {

    @Test
    void aDecisionRecordIsProvablyInTheLogAndItsRationaleRevealable(@TempDir Path dir) throws Exception {
        try (FreshCore f = new FreshCore()) {
            f.scenario().load();
            SequencedEntries entries = f.core.entries();

            Integrator integrator = Integrator.create(DirectoryStorage.open(dir),
                    CheckpointSigner.of(SigningKey.generate("plumbline.test/log", KeyType.ED25519)));
            long size;
            while (true) {
                List<byte[]> batch = entries.read(integrator.size(), 16);
                if (batch.isEmpty()) break;
                integrator.integrate(batch);
            }
            size = integrator.size();
            assertThat(size).isEqualTo(entries.count());

            Engagement e = f.core.engagements().byReference(DemoScenario.REVIEWED_ENGAGEMENT).orElseThrow();
            CaseFile c = f.core.cases().forEngagement(e.id()).get(0);
            Decision d = f.core.cases().decision(c.id()).orElseThrow();
            byte[] record = f.core.records().record(d.logIndex()).orElseThrow();
            assertThat(f.core.records().indexOf(LogRecord.parse(record))).hasValue(d.logIndex());

            LogReader reader = new LogReader(DirectoryStorage.open(dir));
            assertThat(reader.entry(d.logIndex(), size)).isEqualTo(record);
            Proofs.verifyInclusion(Hashes.leaf(record), d.logIndex(), size, reader.inclusionProof(d.logIndex(), size),
                    reader.root(size));

            Reveal rationale = f.core.records().reveal(d.logIndex(), "rationale", "tomoko.nakamura");
            assertThat(rationale.verify(reader.entry(d.logIndex(), size))).isTrue();
        }
    }
}
