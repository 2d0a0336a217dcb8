package io.natsboot.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's packages import one way (docs/architecture.md): each layer only those below it, and no package
 * cycle anywhere. A new package must be placed in {@link #LAYERS} to be allowed anything.
 */
@AnalyzeClasses(packages = "io.natsboot.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String BASE = "io.natsboot.server";

    /** Bottom up; the packages of one layer do not import each other (the cycle rule sees to the rest). */
    private static final List<List<String>> LAYERS = List.of(
            packages("json", "subject"),
            packages("options"),
            packages("tls", "log"),
            packages("protocol"),
            packages("protocol.route"),
            packages("auth"),
            packages("connection"),
            packages("inprocess"),
            packages("delivery"),
            packages("client"),
            packages("monitor"),
            packages("route"),
            packages("config"),
            List.of(BASE),
            packages("cli"));

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching(BASE + ".(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersImportOnlyDownwards = layering();

    @ArchTest
    static final ArchRule everyPackageHasALayer = noClasses().should().resideOutsideOfPackages(
            LAYERS.stream().flatMap(List::stream).toArray(String[]::new))
            .because("every engine package has its place in the layering");

    private static ArchRule layering() {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            List<String> above = LAYERS.subList(i + 1, LAYERS.size()).stream().flatMap(List::stream).toList();
            rules.add(noClasses().that().resideInAnyPackage(LAYERS.get(i).toArray(String[]::new))
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .because(LAYERS.get(i) + " sits below " + above));
        }
        CompositeArchRule all = CompositeArchRule.of(rules.get(0));
        for (ArchRule rule : rules.subList(1, rules.size())) {
            all = all.and(rule);
        }
        return all;
    }

    private static List<String> packages(String... names) {
        return Arrays.stream(names).map(n -> BASE + "." + n).toList();
    }
}
