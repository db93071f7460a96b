package io.precis.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, enforced on the service's compiled classes: the table there is read here,
 * so the drawing and the rule cannot drift apart.
 */
class ArchitectureTest {

    private static final String ROOT = "io.precis";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\|(.*)\\|\\s*$");
    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageUsesOnlyThePackagesItsRowAllows() throws IOException {
        Map<String, Set<String>> map = documentedMap();
        for (Map.Entry<String, Set<String>> row : map.entrySet()) {
            String own = ROOT + "." + row.getKey();
            List<String> allowed = new ArrayList<>(List.of(own));
            row.getValue().forEach(other -> allowed.add(ROOT + "." + other));
            classes().that().resideInAPackage(own)
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                            .or(resideInAnyPackage(allowed.toArray(String[]::new))))
                    .because("docs/architecture.md lets " + row.getKey() + " use only " + row.getValue())
                    .check(SERVICE);
        }
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void everyPackageOfTheServiceIsOnTheMap() throws IOException {
        Set<String> packages = SERVICE.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(ROOT + "."))
                .map(name -> name.substring(ROOT.length() + 1))
                .collect(Collectors.toCollection(TreeSet::new));

        Map<String, Set<String>> map = documentedMap();
        assertThat(map.keySet()).containsExactlyInAnyOrderElementsOf(packages);
        assertThat(map.values().stream().flatMap(Set::stream)).as("packages the table lets others use")
                .allSatisfy(used -> assertThat(packages).contains(used));
        assertThat(SERVICE.stream().filter(c -> c.getPackageName().equals(ROOT))).as("classes in the root package")
                .isEmpty();
    }

    @Test
    void onlyTheHttpEdgeKnowsProblemTypes() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".api..", ROOT + ".problem..", ROOT + ".security..")
                .should().dependOnClassesThat(resideInAnyPackage(ROOT + ".problem.."))
                .check(SERVICE);
    }

    @Test
    void resourcesLiveAtTheHttpEdge() {
        classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .should().resideInAnyPackage(ROOT + ".api..", ROOT + ".problem..")
                .check(SERVICE);
    }

    /** The table of docs/architecture.md: each package, and the packages it may use. */
    private static Map<String, Set<String>> documentedMap() throws IOException {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("docs/architecture.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                Set<String> uses = new TreeSet<>();
                Matcher used = Pattern.compile("`([a-z.]+)`").matcher(row.group(2));
                while (used.find()) {
                    uses.add(used.group(1));
                }
                map.put(row.group(1), uses);
            }
        }
        assertThat(map).as("the package table of docs/architecture.md").isNotEmpty();
        return map;
    }
}
