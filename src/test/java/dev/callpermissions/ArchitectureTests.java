package dev.callpermissions;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.callpermissions", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule theFeatureKnowsNoVendor = noClasses().that()
		.resideInAPackage("..permission..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.callpermissions.provider.(*)..")
		.as("permission never imports a vendor package");

	@ArchTest
	static final ArchRule vendorsDoNotKnowEachOther = slices().matching("dev.callpermissions.provider.(*)..")
		.should()
		.notDependOnEachOther();

	@ArchTest
	static final ArchRule vendorsUseOnlyTheModelOfTheFeature = noClasses().that()
		.resideInAPackage("dev.callpermissions.provider..")
		.should()
		.dependOnClassesThat(resideInAPackage("..permission..")
			.and(simpleNameEndingWith("Service").or(simpleNameEndingWith("Controller"))))
		.as("adapters use the feature's model, never its service or HTTP edge");

	@ArchTest
	static final ArchRule systemKnowsNoFeature = noClasses().that()
		.resideInAPackage("..system..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..permission..", "..provider..", "..phone..");

	@ArchTest
	static final ArchRule phoneNumbersStandAlone = noClasses().that()
		.resideInAPackage("..phone..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..permission..", "..provider..");

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
