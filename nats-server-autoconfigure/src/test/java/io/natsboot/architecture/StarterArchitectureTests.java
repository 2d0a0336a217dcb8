package io.natsboot.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.natsboot.architecture.fixture.ReadsEngineInternals;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter uses the engine through its public API only ({@link StarterEngineApi}), never Netty, and its runtime
 * packages ({@code io.natsboot.boot..}) do not depend on the auto-configuration that creates them.
 */
class StarterArchitectureTests {

    private static final JavaClasses STARTER = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.natsboot.autoconfigure", "io.natsboot.boot", "io.natsboot.starter");

    @Test
    void starterImportsNoNetty() {
        noNetty(StarterEngineApi.STARTER_PACKAGES).check(STARTER);
    }

    @Test
    void starterUsesOnlyThePublicEngineApi() {
        assertThat(STARTER.containPackage("io.natsboot.boot.actuate.endpoint")).isTrue();
        assertThat(STARTER.containPackage("io.natsboot.autoconfigure")).isTrue();
        onlyPublicEngineApi(StarterEngineApi.STARTER_PACKAGES).check(STARTER);
    }

    @Test
    void runtimeTypesDoNotDependOnAutoConfiguration() {
        noClasses().that()
            .resideInAPackage("io.natsboot.boot..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.natsboot.autoconfigure..")
            .check(STARTER);
    }

    @Test
    void theRulesCatchAnOffender() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReadsEngineInternals.class);
        String fixture = ReadsEngineInternals.class.getPackageName() + "..";
        EvaluationResult netty = noNetty(fixture).evaluate(offender);
        EvaluationResult engine = onlyPublicEngineApi(fixture).evaluate(offender);
        assertThat(netty.hasViolation()).isTrue();
        assertThat(netty.getFailureReport().getDetails()).anyMatch((line) -> line.contains("io.netty.channel.Channel"));
        assertThat(engine.hasViolation()).isTrue();
        assertThat(engine.getFailureReport().getDetails())
            .anyMatch((line) -> line.contains("io.natsboot.server.route.RouteManager"))
            .noneMatch((line) -> line.contains("<io.natsboot.server.monitor.Varz"));
    }

    private static ArchRule noNetty(String... packages) {
        return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat().resideInAPackage(
                "io.netty..");
    }

    private static ArchRule onlyPublicEngineApi(String... packages) {
        CompositeArchRule rule = CompositeArchRule.of(noClasses().that()
            .resideInAnyPackage(packages)
            .and(notPendingSnapshot())
            .should()
            .dependOnClassesThat(engineInternal(List.of()))
            .because("the starter reads the engine through its public API and monitoring documents"));
        for (var entry : StarterEngineApi.PENDING_SNAPSHOTS.entrySet()) {
            rule = rule.and(noClasses().that()
                .resideInAnyPackage(packages)
                .and()
                .haveFullyQualifiedName(entry.getKey())
                .should()
                .dependOnClassesThat(engineInternal(entry.getValue()))
                .allowEmptyShould(true));
        }
        return rule;
    }

    private static DescribedPredicate<JavaClass> notPendingSnapshot() {
        return DescribedPredicate.describe("are not waiting for an engine snapshot",
                (javaClass) -> !StarterEngineApi.PENDING_SNAPSHOTS.containsKey(javaClass.getName()));
    }

    private static DescribedPredicate<JavaClass> engineInternal(List<String> alsoAllowed) {
        return DescribedPredicate.describe("are engine internals",
                (javaClass) -> isEngine(javaClass.getName()) && !allowed(javaClass.getName(), alsoAllowed));
    }

    private static boolean isEngine(String name) {
        return name.startsWith(StarterEngineApi.ENGINE + ".");
    }

    private static boolean allowed(String name, List<String> alsoAllowed) {
        String topLevel = (name.indexOf('$') >= 0) ? name.substring(0, name.indexOf('$')) : name;
        return matchesAny(topLevel, StarterEngineApi.ALLOWED) || matchesAny(topLevel, alsoAllowed);
    }

    private static boolean matchesAny(String className, List<String> entries) {
        for (String entry : entries) {
            if (entry.endsWith("..") ? className.startsWith(entry.substring(0, entry.length() - 1))
                    : className.equals(entry)) {
                return true;
            }
        }
        return false;
    }

}
