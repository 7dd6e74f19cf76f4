package se.vardnav.structure;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the hub's code, kept true by the build (docs/architecture.md, "Packages"): each concern
 * ({@code se.vardnav.<concern>}) depends on others in one direction only, the peers' clients know none of the hub's
 * rules, and the hub knows nothing of the simulators or the demo, which live in modules of their own.
 */
@AnalyzeClasses(packages = "se.vardnav", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    /** The rule packages: what a message becomes and whether it may go. A peer client must not need any of them. */
    static final String[] RULES = {"se.vardnav.booking..", "se.vardnav.notification..", "se.vardnav.letter..",
            "se.vardnav.guest..", "se.vardnav.visit..", "se.vardnav.journal..", "se.vardnav.resync..",
            "se.vardnav.console..", "se.vardnav.audit..", "se.vardnav.security..", "se.vardnav.deadletter.."};

    @ArchTest
    static final ArchRule concernsDependInOneDirection = slices().matching("se.vardnav.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule peerClientsKnowNoRuleOfTheHub = noClasses().that().resideInAPackage("se.vardnav.connector..")
            .should().dependOnClassesThat().resideInAnyPackage(RULES)
            .because("a client speaks its peer's contract; what to send and whether is decided by the flows that use it");

    @ArchTest
    static final ArchRule theHubKnowsNoSimulator = noClasses().that().resideInAPackage("se.vardnav..")
            .and().resideOutsideOfPackages("se.vardnav.sim..", "se.vardnav.demo..")
            .should().dependOnClassesThat().resideInAnyPackage("se.vardnav.sim..", "se.vardnav.demo..")
            .because("the simulators and the demo are modules of their own, not in the hub's jar");

    @ArchTest
    static final ArchRule headerNamesHaveOnePlace = noClasses().that().resideInAPackage("se.vardnav..")
            .and().doNotHaveFullyQualifiedName("se.vardnav.broker.HubHeaders")
            .should().haveSimpleNameEndingWith("Headers")
            .because("the names of headers and exchange properties that routes and beans share are in broker.HubHeaders");
}
