package dev.finegrain.examples.quickstart;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.SkillMatrix;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Conformance;
import dev.finegrain.core.standard.RulePacks;
import dev.finegrain.core.standard.Rules;
import dev.finegrain.core.standard.Standard;
import java.util.List;
import java.util.Map;

/** The README's core quick-start, kept compiling and in sync by a test. */
public final class QuickStart {
  public static void main(String[] args) {
    // A team: roles with the skills they need, members with the roles and levels they have
    Team team = Team.builder().id("shop").name("Tea shop")
        .addRole(Role.builder().id("copywriter").name("Copywriter").putRequiredSkill("ad-law", 2).build())
        .addRole(Role.of("manager", "Manager"))
        .addMember(Member.builder().id("lin").name("Lin").addRole("copywriter").putSkill("ad-law", 1).build())
        .addMember(Member.builder().id("ma").name("Ma").addRole("manager").build())
        .build();
    System.out.println(SkillMatrix.of(team).gaps());
    // [lin needs ad-law 2 (as copywriter), has 1: gap 1]

    // A standard: the rules every listing must meet before it goes live
    Standard standard = Standard.builder().id("listing").version(1).artifactKind("listing").name("Listing")
        .addRule(Rules.textLength("title", 10, 60))
        .addRule(Rules.minSize("images", 5))
        .addRule(Rules.when(Condition.eq("category", "food"), Rules.required("foodLicence")))
        .addRule(RulePacks.chinaAdvertisingLawArticle9("title"))
        .build();

    Artifact draft = Artifact.builder("listing")
        .put("title", "最佳 West Lake Longjing 250 g")
        .put("category", "food")
        .put("images", List.of(Map.of("width", 1200)))
        .build();
    Conformance report = standard.check(draft);
    System.out.println(report.summary());
    // listing v1: FAILS (3 errors; 1 of 4 rules passed)
    // ERROR  images  list-size:images: list of 1 element is shorter than the minimum 5
    // ...

    // Definitions are data: to JSON and back
    String json = FinegrainJson.write(standard);
    System.out.println(FinegrainJson.read(json, Standard.class).equals(standard));   // true
  }
}
