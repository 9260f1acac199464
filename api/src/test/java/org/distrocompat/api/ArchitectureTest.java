package org.distrocompat.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import org.distrocompat.db.error.DistrocompatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The design's dependency rules, checked on the compiled main code of every module: dependencies flow one way
 * (api → core → crawler → db, with elf used by crawler and core and using nothing), all SQL lives in db, and
 * every exception distrocompat throws on purpose descends from one root.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // the other modules arrive as target/classes directories (reactor build) or as jars (-pl api): take both,
        // but neither test classes nor test jars
        ImportOption mainCode = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        main = new ClassFileImporter().withImportOption(mainCode).importPackages("org.distrocompat");
    }

    @Test
    void theElfReaderUsesNothingButTheJdk() {
        classes().that().resideInAPackage("org.distrocompat.elf..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.distrocompat.elf..", "java..")
                .check(main);
    }

    @Test
    void dbKnowsNoOtherModule() {
        noClasses().that().resideInAPackage("org.distrocompat.db..")
                .should().dependOnClassesThat().resideInAnyPackage("org.distrocompat.elf..",
                        "org.distrocompat.crawler..", "org.distrocompat.core..", "org.distrocompat.api..")
                .check(main);
    }

    @Test
    void crawlerKnowsNeitherTheDomainNorTheFrontDoors() {
        noClasses().that().resideInAPackage("org.distrocompat.crawler..")
                .should().dependOnClassesThat().resideInAnyPackage("org.distrocompat.core..",
                        "org.distrocompat.api..", "picocli..")
                .check(main);
    }

    @Test
    void coreHasNoCommandLineAndNoHttp() {
        noClasses().that().resideInAPackage("org.distrocompat.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.distrocompat.api..", "picocli..",
                        "io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..")
                .check(main);
    }

    @Test
    void allSqlLivesInDb() {
        noClasses().that().resideOutsideOfPackage("org.distrocompat.db..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "org.postgresql..")
                .check(main);
    }

    @Test
    void aSourceAdapterKnowsItsArchiveAndNotTheCrawlRunOrSql() {
        noClasses().that().resideInAPackage("org.distrocompat.crawler.source..")
                .should().dependOnClassesThat().resideInAnyPackage("org.distrocompat.crawler.run..",
                        "org.distrocompat.db.repo..", "org.distrocompat.db.snapshot..")
                .check(main);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.distrocompat.(*).(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void exceptionsDescendFromOneRootOrAreStreamFailures() {
        // stream readers (ELF, HTTP fetches, signatures) fail with IOExceptions, as the JDK's and commons-compress's
        // do; the ELF reader cannot see the root at all. Everything else is a DistrocompatException.
        classes().that().resideInAPackage("org.distrocompat..").and().areAssignableTo(Throwable.class)
                .and().arePublic()
                .should().beAssignableTo(DistrocompatException.class).orShould().beAssignableTo(IOException.class)
                .check(main);
    }
}
