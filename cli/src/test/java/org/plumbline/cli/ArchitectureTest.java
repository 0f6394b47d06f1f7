package org.plumbline.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture drawn in docs/architecture.md, checked on the compiled main classes of every module
 * the command line is built from (log, core, signals, server, cli; signals-spark checks its own arrow).
 *
 * <p>The module graph is log ← core ← signals ← server ← cli: every arrow points down, every drawn
 * arrow is a real import (a pom dependency nobody imports is a drawing, not an architecture), and no
 * two packages import each other, directly or round a loop. The domain owns its rules: records are
 * made and findings raised below the server, SQL lives in core's package-private stores, and core's
 * public API hands out no database handle, so no other module can write domain rows without their
 * record.
 */
class ArchitectureTest {
    private static final String LOG = "org.plumbline.log..";
    private static final String LOG_S3 = "org.plumbline.log.storage.s3..";
    private static final String CORE = "org.plumbline.core..";
    private static final String SIGNALS = "org.plumbline.signals..";
    private static final String SERVER = "org.plumbline.server..";
    private static final String CLI = "org.plumbline.cli..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.plumbline");
        // A rule over no classes passes vacuously: make sure every module was found on the class path.
        for (String module : List.of(LOG, CORE, SIGNALS, SERVER, CLI)) {
            String prefix = module.substring(0, module.length() - 2);
            assertThat(main.stream().anyMatch(c -> c.getPackageName().startsWith(prefix)))
                    .as("classes of %s imported", prefix).isTrue();
        }
    }

    @Test
    void everyArrowPointsDownTheModuleGraph() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("log").definedBy(LOG)
                .layer("core").definedBy(CORE)
                .layer("signals").definedBy(SIGNALS)
                .layer("server").definedBy(SERVER)
                .layer("cli").definedBy(CLI)
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("signals").mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("core").mayOnlyBeAccessedByLayers("signals", "server", "cli")
                .whereLayer("log").mayOnlyBeAccessedByLayers("core", "signals", "server", "cli")
                .check(main);
    }

    @Test
    void everyDrawnArrowIsARealImport() {
        List<String> missing = new ArrayList<>();
        for (String[] arrow : List.of(new String[] {"core", "log"}, new String[] {"signals", "core"},
                new String[] {"server", "signals"}, new String[] {"server", "core"}, new String[] {"cli", "server"})) {
            if (!imports(arrow[0], arrow[1])) missing.add(arrow[0] + " → " + arrow[1]);
        }
        assertThat(missing).as("module arrows the poms draw but no main class imports").isEmpty();
    }

    private static boolean imports(String from, String to) {
        String fromPrefix = "org.plumbline." + from;
        String toPrefix = "org.plumbline." + to;
        return main.stream()
                .filter(c -> inModule(c, fromPrefix))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .anyMatch(d -> inModule(d.getTargetClass(), toPrefix));
    }

    private static boolean inModule(JavaClass c, String prefix) {
        String p = c.getPackageName();
        return p.equals(prefix) || p.startsWith(prefix + ".");
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("org.plumbline.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theLogDependsOnTheJdkAlone() {
        // The JDK's own HTTP server (com.sun.net.httpserver) is part of the JDK: `log serve` needs nothing else.
        // The one exception is the S3 backend, on the AWS SDK, which no other part of the log imports.
        classes().that().resideInAPackage(LOG).and().resideOutsideOfPackage(LOG_S3)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "com.sun.net.httpserver..", LOG)
                .check(main);
        noClasses().that().resideInAPackage(LOG).and().resideOutsideOfPackage(LOG_S3)
                .should().dependOnClassesThat().resideInAPackage(LOG_S3)
                .check(main);
        classes().that().resideInAPackage(LOG_S3)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", LOG, "software.amazon.awssdk..")
                .check(main);
    }

    @Test
    void theDomainKnowsNothingOfHttpOrAnalytics() {
        noClasses().that().resideInAnyPackage(CORE, SIGNALS)
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..",
                        "gg.jte..")
                .check(main);
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..")
                .check(main);
    }

    @Test
    void sqlOnDomainTablesIsWrittenOnlyInCoresPackagePrivateStores() {
        noClasses().that().resideInAPackage(CORE).and().arePublic()
                .should().callMethodWhere(jdbiStatement())
                .because("a public class of core that writes SQL is a way round the services and their records")
                .check(main);
    }

    @Test
    void coresPublicApiHandsOutNoDatabaseHandle() {
        methods().that().areDeclaredInClassesThat().resideInAPackage(CORE)
                .and().areDeclaredInClassesThat().arePublic()
                .and().arePublic()
                .should(notMentionJdbi())
                .check(main);
    }

    @Test
    void recordsAreMadeAndFindingsRaisedBelowTheServer() {
        noClasses().that().resideInAnyPackage(SERVER, CLI)
                .should().callMethodWhere(target("org.plumbline.core.record.LogRecord", "builder"))
                .because("every record is made by core's services, in the transaction that writes its rows")
                .check(main);
        noClasses().that().resideInAnyPackage(SERVER)
                .should().callMethodWhere(target("org.plumbline.core.Findings", "raise"))
                .because("findings reach cases through signals' bridge, which the command line uses too")
                .check(main);
        noClasses().that().resideInAPackage(SERVER)
                .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..")
                .check(main);
    }

    @Test
    void theServersRootHoldsOnlyItsEntryPoint() {
        Set<String> allowed = Set.of("PlumblineServer", "ServerConfig");
        List<String> others = main.stream()
                .filter(c -> c.getPackageName().equals("org.plumbline.server"))
                .map(c -> c.getName().substring("org.plumbline.server.".length()).split("\\$")[0])
                .filter(n -> !allowed.contains(n) && !n.equals("package-info"))
                .distinct().sorted().toList();
        assertThat(others).as("classes in org.plumbline.server outside a package by concern").isEmpty();
    }

    @Test
    void everyPackageSaysWhatLivesThere() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<String> undocumented = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                Path sources = module.resolve("src/main/java");
                try (Stream<Path> dirs = Files.walk(sources)) {
                    dirs.filter(Files::isDirectory).filter(ArchitectureTest::holdsJava)
                            .filter(d -> !Files.exists(d.resolve("package-info.java")))
                            .forEach(d -> undocumented.add(root.relativize(d).toString()));
                }
            }
        }
        assertThat(undocumented).as("source packages without a package-info.java").isEmpty();
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DescribedPredicate<JavaAccess<?>> target(String owner, String method) {
        return DescribedPredicate.describe(owner + "." + method,
                a -> a.getTargetOwner().getName().equals(owner) && a.getTarget().getName().equals(method));
    }

    private static DescribedPredicate<JavaAccess<?>> jdbiStatement() {
        return DescribedPredicate.describe("Jdbi statements (createQuery, createUpdate, createBatch, execute)",
                a -> a.getTargetOwner().getName().equals("org.jdbi.v3.core.Handle")
                        && Set.of("createQuery", "createUpdate", "createBatch", "prepareBatch", "execute", "select")
                                .contains(a.getTarget().getName()));
    }

    private static ArchCondition<JavaMethod> notMentionJdbi() {
        return new ArchCondition<>("take and return no Jdbi type") {
            @Override
            public void check(JavaMethod m, ConditionEvents events) {
                boolean jdbi = m.getRawReturnType().getPackageName().startsWith("org.jdbi")
                        || m.getRawParameterTypes().stream().anyMatch(t -> t.getPackageName().startsWith("org.jdbi"));
                if (jdbi) {
                    events.add(SimpleConditionEvent.violated(m, m.getFullName() + " has a Jdbi type in its signature"));
                }
            }
        };
    }
}
