package org.plumbline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarationTest {
    private final Vocabulary vocabulary = Vocabulary.standard();
    private final List<String> allClauses = Vocabulary.defaultProhibitedUses().stream().map(ProhibitedUse::id).toList();

    @Test
    void vocabularyHasTheDocumentedPurposesEachWithExpectations() {
        assertThat(vocabulary.purposes()).extracting(Purpose::id).contains("cyber-defence", "office-productivity",
                "logistics", "health-records", "tax-administration", "weather-and-climate", "research", "public-website",
                "emergency-services", "communications-processing");
        assertThat(vocabulary.purposes()).allSatisfy(p -> {
            assertThat(p.expectedServiceCategories()).isNotEmpty();
            assertThat(p.unexpectedUsage()).isNotEmpty();
        });
        assertThat(vocabulary.purpose("cyber-defence").orElseThrow().unexpectedUsage())
                .anyMatch(s -> s.contains("speech-to-text"));
    }

    @Test
    void aCompleteDeclarationIsValid() {
        Declaration d = new Declaration(List.of("sub-1"), "bill-1", List.of("Compute"), List.of("westeurope"), "C-1",
                List.of("research"), List.of("scientific-data"), allClauses, new Attestation("A Person", "checked"));
        assertThatCode(() -> d.validate(vocabulary)).doesNotThrowAnyException();
    }

    @Test
    void errorsNameTheFieldAndPosition() {
        Declaration d = new Declaration(List.of("sub 1", "sub-2", "sub-2"), " ", List.of(), List.of("westeurope"), "",
                List.of("research", "spying"), List.of("nope"), allClauses.subList(1, allClauses.size()),
                new Attestation(" ", "checked"));
        assertThatThrownBy(() -> d.validate(vocabulary)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.fieldErrors()).containsKeys("accounts[0]", "accounts[2]", "billingAccount", "services",
                    "contractReference", "purposes[1]", "dataCategories[0]", "acknowledgedProhibitedUses",
                    "attestation.accountManager");
            assertThat(e.fieldErrors().get("purposes[1]")).contains("unknown purpose 'spying'").contains("cyber-defence");
            assertThat(e.fieldErrors().get("acknowledgedProhibitedUses")).contains(allClauses.get(0));
        });
    }

    @Test
    void prohibitedUseClausesAreConfigurable() {
        Vocabulary custom = Vocabulary.withProhibitedUses(List.of(new ProhibitedUse("only-this", "text")));
        Declaration d = new Declaration(List.of("sub-1"), "bill-1", List.of("Compute"), List.of("westeurope"), "C-1",
                List.of("research"), List.of("scientific-data"), List.of("only-this"), new Attestation("A Person", "checked"));
        assertThatCode(() -> d.validate(custom)).doesNotThrowAnyException();
        assertThatThrownBy(() -> d.validate(vocabulary)).isInstanceOf(ValidationException.class);
    }
}
