package org.plumbline.signals.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Spark job's place in the module graph (docs/architecture.md): it stands on signals alone and runs
 * signals' rule files, so what it finds is what the DuckDB engine finds. The command line's architecture
 * test covers the other modules; Spark is not on its class path.
 */
class SparkArchitectureTest {
    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.plumbline");

    @Test
    void theSparkJobStandsOnSignalsAlone() {
        assertThat(main.stream().anyMatch(c -> c.getPackageName().equals("org.plumbline.signals.spark"))).isTrue();
        classes().that().resideInAPackage("org.plumbline.signals.spark..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.plumbline.server..", "org.plumbline.cli..")
                .check(main);
        // The arrow is real: the job uses signals' rules and reports, not a copy of them.
        classes().that().resideInAPackage("org.plumbline.signals.spark..").and().haveSimpleName("SparkSignalsJob")
                .should().dependOnClassesThat().resideInAPackage("org.plumbline.signals")
                .check(main);
    }

    @Test
    void nothingBelowDependsOnTheSparkJob() {
        classes().that().resideInAPackage("org.plumbline..").and().resideOutsideOfPackage("org.plumbline.signals.spark..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.plumbline.signals.spark..")
                .check(main);
        slices().matching("org.plumbline.(**)").should().beFreeOfCycles().check(main);
    }
}
