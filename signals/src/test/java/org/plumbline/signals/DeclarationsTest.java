package org.plumbline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationsTest {
    @TempDir Path dir;

    private Path file(String json) throws Exception {
        Path p = dir.resolve("engagements.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void readsEngagementsAndDirectives() throws Exception {
        Declarations d = Declarations.read(file("""
                {"engagements": [{"id": "e1", "purposes": ["logistics"], "accounts": [{"billingAccountId": "ba-1"}],
                                  "regions": ["westeurope"], "attestedBy": "someone"}],
                 "directives": [{"id": "d1", "account": "s1", "services": ["Media"], "effective": "2026-10-01T00:00:00Z"}]}
                """));
        assertThat(d.engagements().getFirst().accounts().getFirst()).isEqualTo(new DeclaredUse.Account(null, "ba-1"));
        assertThat(d.directives().getFirst().effective()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    }

    @Test
    void errorsNameTheFieldAndPlace() throws Exception {
        assertThatThrownBy(() -> Declarations.read(file("""
                {"engagements": [{"id": "e1", "purposes": ["spying"], "accounts": [{"subAccountId": "s"}]}]}""")))
                .hasMessageContaining("engagements[0].purposes: unknown purpose \"spying\"");
        assertThatThrownBy(() -> Declarations.read(file("""
                {"engagements": [{"id": "e1", "purposes": ["research"], "accounts": []}]}""")))
                .hasMessageContaining("engagements[0].accounts: at least one account is required");
        assertThatThrownBy(() -> Declarations.read(file("""
                {"engagements": [], "directives": [{"id": "d", "account": "a", "services": ["x"], "effective": "soon"}]}""")))
                .hasMessageContaining("directives[0].effective: not an RFC 3339 UTC time: soon");
        assertThatThrownBy(() -> Declarations.read(file("{\"engagements\": [")))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Declarations.read(file("""
                {"engagements": [{"id": "e1", "purposes": ["research"], "accounts": [{"subAccountId": "s"}]},
                                 {"id": "e1", "purposes": ["research"], "accounts": [{"subAccountId": "t"}]}]}""")))
                .hasMessageContaining("engagements[1]: duplicate engagement id e1");
    }

    @Test
    void accountsMapBySubAccountFirstThenBillingAccount() throws Exception {
        Path gen = dir.resolve("gen");
        FocusGenerator.Result g = new FocusGenerator(FocusGenerator.Options.of(gen, 3, 6, 5, "csv")).generate();
        // sub-0001 declared by sub-account; the rest of billing account ba-01 by a billing-level engagement;
        // ba-02 (sub-0006) in no engagement: summarised, not dropped.
        Declarations d = Declarations.read(file("""
                {"engagements": [
                  {"id": "by-sub", "purposes": ["research"], "accounts": [{"subAccountId": "sub-0001"}]},
                  {"id": "by-billing", "purposes": ["research"], "accounts": [{"billingAccountId": "ba-01"}]}]}"""));
        try (SignalsEngine engine = SignalsEngine.open(SignalsEngine.Options.inMemory())) {
            engine.ingest(java.util.List.of(gen.toString()), Progress.NONE);
            ScanResult r = engine.scan(d, f -> {});
            assertThat(r.accounts()).filteredOn(a -> a.account().equals("sub-0001")).extracting(ScanResult.AccountUsage::engagement)
                    .containsExactly("by-sub");
            assertThat(r.accounts()).filteredOn(a -> a.account().equals("sub-0002")).extracting(ScanResult.AccountUsage::engagement)
                    .containsExactly("by-billing");
            assertThat(r.unmapped()).extracting(ScanResult.AccountUsage::account).containsExactly("sub-0006");
            assertThat(r.rows()).isEqualTo(g.rows());
        }
    }
}
