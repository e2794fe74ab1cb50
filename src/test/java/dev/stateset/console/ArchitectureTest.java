package dev.stateset.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.stateset.console.audit.AuditLog;
import dev.stateset.console.audit.internal.AuditEventRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the style guide asks for, checked on every build: views and REST controllers go through
 * feature services; a feature's {@code internal} package (entities, repositories) is its own; Spring Data and
 * JPA stay out of the UI.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.stateset.console");
    }

    @Test
    void views_never_touch_repositories_entities_or_jpa() {
        noClasses()
                .that()
                .resideInAPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..internal..",
                        "jakarta.persistence..",
                        "org.springframework.data.jpa..",
                        "org.springframework.web.client..",
                        "software.amazon.awssdk..")
                .because("views call application services, never repositories or HTTP/S3 clients")
                .check(classes);
    }

    @Test
    void internal_packages_belong_to_their_feature() {
        for (String feature :
                new String[] {"security", "workspace", "job", "stateset", "audit", "policy", "identity"}) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("dev.stateset.console." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.stateset.console." + feature + ".internal..")
                    .because("only the " + feature + " feature may use its entities and repositories")
                    .check(classes);
        }
    }

    @Test
    void features_depend_one_way() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.stateset.console.workspace..", "dev.stateset.console.security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.stateset.console.job..", "dev.stateset.console.stateset..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.stateset.console.job..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.stateset.console.stateset..")
                .check(classes);
    }

    @Test
    void top_level_packages_are_free_of_cycles() {
        SlicesRuleDefinition.slices()
                .matching("dev.stateset.console.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void the_foundations_depend_on_no_feature() {
        // base is what features share; engine and storage are the ports (and adapters) to Flink and to storage;
        // cron, live and audit are services features call. None of them may reach up into a feature.
        String[] features = {
            "dev.stateset.console.activity..",
            "dev.stateset.console.demo..",
            "dev.stateset.console.health..",
            "dev.stateset.console.identity..",
            "dev.stateset.console.job..",
            "dev.stateset.console.policy..",
            "dev.stateset.console.security..",
            "dev.stateset.console.stateset..",
            "dev.stateset.console.workspace.."
        };
        for (String foundation : new String[] {"base", "engine", "storage", "cron", "live", "audit"}) {
            noClasses()
                    .that()
                    .resideInAPackage("dev.stateset.console." + foundation + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(features)
                    .because(foundation + " is below the features")
                    .check(classes);
        }
        noClasses()
                .that()
                .resideInAPackage("dev.stateset.console.base..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.stateset.console.engine..",
                        "dev.stateset.console.storage..",
                        "dev.stateset.console.cron..",
                        "dev.stateset.console.live..",
                        "dev.stateset.console.audit..")
                .because(
                        "features' exceptions extend base types (DependencyFailureException, InvalidInputException) instead")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.stateset.console.job..",
                        "dev.stateset.console.stateset..",
                        "dev.stateset.console.policy..",
                        "dev.stateset.console.workspace..",
                        "dev.stateset.console.security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.stateset.console.engine.embedded..",
                        "dev.stateset.console.engine.flinkrest..",
                        "dev.stateset.console.storage.local..",
                        "dev.stateset.console.storage.s3..")
                .because("features use the engine's and the storage's ports; the application wires the adapters in")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.stateset.console.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.stateset.console.storage..")
                .because("the application hands the storage's keys to Flink's file systems (FlinkFileSystemWiring)")
                .check(classes);
    }

    @Test
    void the_audit_log_is_append_only() {
        // Rows are @Immutable (Hibernate never UPDATEs them); this keeps anyone from deleting them either.
        noClasses()
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "a delete on the audit repository",
                        call -> call.getTargetOwner().isAssignableTo(AuditEventRepository.class)
                                && call.getName().startsWith("delete")))
                .check(classes);
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(AuditLog.class.getName())
                .should()
                .dependOnClassesThat()
                .areAssignableTo(AuditEventRepository.class)
                .because("only AuditLog writes or reads audit rows")
                .check(classes);
    }

    @Test
    void the_audit_trail_reads_through_the_workspace_rules_and_nothing_depends_on_it_but_views() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.stateset.console.activity..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.stateset.console.activity..")
                .check(classes);
    }
}
