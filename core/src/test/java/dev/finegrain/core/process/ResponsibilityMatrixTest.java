package dev.finegrain.core.process;

import static dev.finegrain.core.process.Fixtures.process;
import static dev.finegrain.core.process.Fixtures.shop;
import static dev.finegrain.core.process.Fixtures.step;
import static dev.finegrain.core.process.Responsibility.A;
import static dev.finegrain.core.process.Responsibility.C;
import static dev.finegrain.core.process.Responsibility.I;
import static dev.finegrain.core.process.Responsibility.R;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Severity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponsibilityMatrixTest {
  private static final ProcessDefinition LISTING = process("listing",
      step("write-copy", "copywriter", 240), step("approve-listing", "manager", 30, "write-copy"));

  /** A sound matrix for {@link #LISTING}, to which each test adds one defect. */
  private static ResponsibilityMatrix.Builder sound() {
    return ResponsibilityMatrix.builder().processId("listing")
        .assign("write-copy", "copywriter", R)
        .assign("write-copy", "manager", A)
        .assign("approve-listing", "manager", R, A)
        .assign("approve-listing", "copywriter", I);
  }

  private static List<Finding> validate(ResponsibilityMatrix.Builder matrix) {
    return matrix.build().validate(LISTING, shop());
  }

  @Test
  void aSoundMatrixHasNoFindings() {
    assertEquals(List.of(), validate(sound()));
  }

  @Test
  void answersWhoHoldsWhichLetters() {
    ResponsibilityMatrix raci = sound().build();

    assertEquals(Set.of(R, A), raci.letters("approve-listing", "manager"));
    assertEquals(Set.of(), raci.letters("approve-listing", "designer"));
    assertEquals(List.of("copywriter"), raci.roles("write-copy", R));
    assertEquals(List.of("write-copy", "approve-listing"), List.copyOf(raci.steps()));
    assertEquals(List.of("copywriter", "manager"), List.copyOf(raci.roles()));
  }

  @Test
  void reportsAStepWithoutAccountable() {
    ResponsibilityMatrix.Builder matrix = ResponsibilityMatrix.builder().processId("listing")
        .assign("write-copy", "copywriter", R)
        .assign("approve-listing", "manager", R, A);

    assertEquals(List.of(Finding.of(FindingKind.NO_ACCOUNTABLE, Severity.ERROR, Subject.step("write-copy"),
        "step 'write-copy' has no Accountable role; exactly one is required")), validate(matrix));
  }

  @Test
  void reportsAStepWithSeveralAccountableNamingThem() {
    List<Finding> findings = validate(sound().assign("approve-listing", "ops-lead", A));

    assertEquals(List.of(Finding.of(FindingKind.MULTIPLE_ACCOUNTABLE, Severity.ERROR, Subject.step("approve-listing"),
        "step 'approve-listing' has 2 Accountable roles (manager, ops-lead); exactly one is required")), findings);
  }

  @Test
  void reportsAStepWithoutResponsible() {
    ResponsibilityMatrix.Builder matrix = ResponsibilityMatrix.builder().processId("listing")
        .assign("write-copy", "copywriter", R)
        .assign("write-copy", "manager", A)
        .assign("approve-listing", "manager", A)
        .assign("approve-listing", "copywriter", C);

    assertEquals(List.of(Finding.of(FindingKind.NO_RESPONSIBLE, Severity.ERROR, Subject.step("approve-listing"),
        "step 'approve-listing' has no Responsible role; at least one is required")), validate(matrix));
  }

  @Test
  void reportsARoleNoMemberHoldsAsAWarningWhenOnlyConsultedOrInformed() {
    List<Finding> findings = validate(sound().assign("approve-listing", "legal", C));

    assertEquals(List.of(Finding.of(FindingKind.ROLE_WITHOUT_MEMBER, Severity.WARNING, Subject.role("legal"),
        "no member of team 'shop' holds role 'legal', which is assigned on approve-listing (C)")), findings);
  }

  @Test
  void reportsARoleNoMemberHoldsAsAnErrorWhenItDoesOrSignsOffWork() {
    List<Finding> findings = validate(sound().assign("write-copy", "legal", I).assign("approve-listing", "legal", R));

    assertEquals(List.of(Finding.of(FindingKind.ROLE_WITHOUT_MEMBER, Severity.ERROR, Subject.role("legal"),
        "no member of team 'shop' holds role 'legal', which is assigned on write-copy (I), approve-listing (R)")),
        findings);
  }

  @Test
  void reportsARoleTheTeamDoesNotHave() {
    List<Finding> findings = validate(sound().assign("write-copy", "ghostwriter", C));

    assertEquals(List.of(Finding.of(FindingKind.UNKNOWN_ROLE, Severity.ERROR, Subject.role("ghostwriter"),
        "role 'ghostwriter', assigned on write-copy (C), is not a role of team 'shop'")), findings);
  }

  @Test
  void reportsAStepTheProcessDoesNotHave() {
    List<Finding> findings = validate(sound().assign("shoot-photos", "designer", R, A));

    assertEquals(List.of(Finding.of(FindingKind.UNKNOWN_STEP, Severity.ERROR, Subject.step("shoot-photos"),
        "the matrix names step 'shoot-photos', which process 'listing' does not have")), findings);
  }

  @Test
  void reportsAMatrixForAnotherProcess() {
    List<Finding> findings = validate(sound().processId("returns"));

    assertEquals(List.of(Finding.of(FindingKind.PROCESS_MISMATCH, Severity.ERROR, Subject.process("listing"),
        "the matrix is for process 'returns' but is checked against process 'listing'")), findings);
  }

  @Test
  void reportsARoleAccountableForMoreStepsThanThePolicyAllows() {
    RaciPolicy onlyOne = RaciPolicy.builder().maxAccountableStepsPerRole(1).build();

    List<Finding> findings = sound().build().validate(LISTING, shop(), onlyOne);

    assertEquals(List.of(Finding.of(FindingKind.ACCOUNTABLE_OVERLOAD, Severity.WARNING, Subject.role("manager"),
        "role 'manager' is Accountable for 2 steps (write-copy, approve-listing); the limit is 1")), findings);
    assertEquals(List.of(), sound().build().validate(LISTING, shop(), RaciPolicy.builder()
        .maxAccountableStepsPerRole(2).build()));
  }

  @Test
  void defaultPolicyAllowsFiveAccountableStepsPerRole() {
    ProcessDefinition six = process("six", step("s1", "r", 1), step("s2", "r", 1), step("s3", "r", 1),
        step("s4", "r", 1), step("s5", "r", 1), step("s6", "r", 1));
    ResponsibilityMatrix.Builder five = ResponsibilityMatrix.builder().processId("six");
    for (int i = 1; i <= 5; i++) {
      five.assign("s" + i, "manager", R, A);
    }
    five.assign("s6", "copywriter", R, A);
    ResponsibilityMatrix.Builder sixForManager = ResponsibilityMatrix.builder().processId("six");
    for (int i = 1; i <= 6; i++) {
      sixForManager.assign("s" + i, "manager", R, A);
    }

    assertEquals(5, RaciPolicy.defaults().maxAccountableStepsPerRole());
    assertEquals(List.of(), five.build().validate(six, shop()));
    assertEquals(List.of(FindingKind.ACCOUNTABLE_OVERLOAD),
        sixForManager.build().validate(six, shop()).stream().map(Finding::kind).toList());
  }

  @Test
  void rejectsAPolicyLimitBelowOne() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> RaciPolicy.builder().maxAccountableStepsPerRole(0).build());

    assertEquals(List.of(Problem.of("maxAccountableStepsPerRole", "must be 1 or more, got 0")), e.problems());
  }

  @Test
  void listsFindingsByStepOrderThenUnknownStepsThenRoles() {
    ResponsibilityMatrix matrix = ResponsibilityMatrix.builder().processId("other")
        .assign("approve-listing", "manager", A)
        .assign("approve-listing", "ghost", A)
        .assign("launch", "copywriter", R)
        .assign("write-copy", "legal", C)
        .build();

    List<String> findings = matrix.validate(LISTING, shop(), RaciPolicy.builder().maxAccountableStepsPerRole(1)
        .build()).stream().map(f -> f.kind() + " " + f.subject()).toList();

    assertEquals(List.of(
        "PROCESS_MISMATCH process 'listing'",
        "NO_ACCOUNTABLE step 'write-copy'",
        "NO_RESPONSIBLE step 'write-copy'",
        "MULTIPLE_ACCOUNTABLE step 'approve-listing'",
        "NO_RESPONSIBLE step 'approve-listing'",
        "UNKNOWN_STEP step 'launch'",
        "UNKNOWN_ROLE role 'ghost'",
        "ROLE_WITHOUT_MEMBER role 'legal'"), findings);
  }

  @Test
  void rejectsTheSameRoleTwiceOnAStep() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> sound().assign("write-copy", "copywriter", C).build());

    assertEquals(List.of(Problem.of("assignments[4]",
        "role 'copywriter' is already assigned on step 'write-copy' at assignments[0]")), e.problems());
  }

  @Test
  void rejectsAnAssignmentWithoutLettersOrIds() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> Assignment.builder().step("write-copy").role(" ").build());

    assertEquals(List.of(Problem.of("role", "must not be blank"),
        Problem.of("letters", "at least one of R, A, C, I is required")), e.problems());
  }

  @Test
  void rejectsABlankProcessId() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> sound().processId("").build());

    assertEquals(List.of(Problem.of("processId", "must not be blank")), e.problems());
  }

  @Test
  void lettersAreASetInRaciOrder() {
    new EqualsTester()
        .addEqualityGroup(Assignment.of("s", "r", A, R), Assignment.of("s", "r", R, A), Assignment.of("s", "r", R, A, R))
        .addEqualityGroup(Assignment.of("s", "r", R))
        .addEqualityGroup(Assignment.of("s", "q", R))
        .testEquals();
    assertEquals("s/r: RA", Assignment.of("s", "r", A, R).toString());
  }
}
