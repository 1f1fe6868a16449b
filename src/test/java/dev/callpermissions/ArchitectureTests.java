package dev.callpermissions;

import java.util.regex.Pattern;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.callpermissions",
		importOptions = { ImportOption.DoNotIncludeTests.class, ArchitectureTests.WrittenByHand.class })
class ArchitectureTests {

	/**
	 * The code this project's people write: not what Spring's build-time processing
	 * generates beside it in {@code target/classes} (bean definitions that name every
	 * package, configuration proxies), which a later {@code ./mvnw test} would otherwise
	 * read too.
	 */
	static final class WrittenByHand implements ImportOption {

		private static final Pattern GENERATED = Pattern.compile(".*/[^/]*(__|\\$\\$SpringCGLIB\\$\\$)[^/]*\\.class");

		@Override
		public boolean includes(Location location) {
			return !location.matches(GENERATED);
		}

	}

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.callpermissions.(**)")
		.should()
		.beFreeOfCycles()
		.as("every arrow runs one way: lookup -> provider -> permission, and no package back");

	@ArchTest
	static final ArchRule theVocabularyIsALeaf = classes().that()
		.resideInAPackage("dev.callpermissions.permission..")
		.should()
		.onlyDependOnClassesThat(resideInAPackage("dev.callpermissions.permission..")
			.or(resideOutsideOfPackage("dev.callpermissions..")))
		.as("the canonical model imports nothing of the rest");

	@ArchTest
	static final ArchRule theFeatureKnowsNoVendor = noClasses().that()
		.resideInAPackage("dev.callpermissions.lookup..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.callpermissions.provider.(*)..")
		.as("lookup never imports a vendor package");

	@ArchTest
	static final ArchRule vendorsDoNotKnowEachOther = slices().matching("dev.callpermissions.provider.(*)..")
		.should()
		.notDependOnEachOther();

	@ArchTest
	static final ArchRule onlyAVendorKnowsItsPackage = noClasses().that()
		.resideOutsideOfPackage("dev.callpermissions.provider.(*)..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.callpermissions.provider.(*)..")
		.as("the core finds vendors by id: adding a vendor changes no main file outside its package");

	@ArchTest
	static final ArchRule vendorSettingsStayInTheirPackage = classes().that()
		.resideInAPackage("dev.callpermissions.provider.(*)..")
		.and()
		.haveSimpleNameEndingWith("Settings")
		.should()
		.notBePublic()
		.as("a vendor's own settings (credentials, channel ids) are bound and checked in its package only");

	@ArchTest
	static final ArchRule providersKnowNoFeature = noClasses().that()
		.resideInAPackage("dev.callpermissions.provider..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.callpermissions.lookup..", "dev.callpermissions.webhook..")
		.as("adapters produce the canonical model and know nothing of the feature that asks them");

	@ArchTest
	static final ArchRule systemKnowsNoFeature = noClasses().that()
		.resideInAPackage("..system..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..permission..", "..lookup..", "..provider..", "..phone..", "..webhook..");

	@ArchTest
	static final ArchRule phoneNumbersStandAlone = noClasses().that()
		.resideInAPackage("..phone..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..permission..", "..lookup..", "..provider..");

	@ArchTest
	static final ArchRule wireRecordsNeverLeaveTheirPackage = classes().that()
		.haveSimpleNameEndingWith("Wire")
		.or()
		.haveNameMatching(".*Wire\\$.*")
		.should()
		.onlyBeAccessed()
		.byClassesThat()
		.resideInAPackage("dev.callpermissions.provider.(*)..")
		.andShould()
		.notBePublic();

	@ArchTest
	static final ArchRule controllersArePackagePrivate = classes().that()
		.haveSimpleNameEndingWith("Controller")
		.should()
		.notBePublic();

}
