package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulePacksTest {
  @Test
  void chinaAdvertisingLawPackLoadsAndCatchesZuiJia() {
    ForbiddenTerms rule = RulePacks.chinaAdvertisingLawArticle9("title");

    List<Violation> found = rule.checkValue(Map.of("title", "全网最佳绿茶"));

    assertEquals("cn-ad-law-article-9", rule.id());
    assertEquals(Severity.ERROR, rule.severity());
    assertEquals(List.of("ERROR  title  cn-ad-law-article-9: forbidden term \"最佳\" at 2"),
        found.stream().map(Violation::toString).toList());
  }

  @Test
  void chinaAdvertisingLawPackListsTheArticle9TermsAndSaysItIsNotLegalAdvice() {
    ForbiddenTerms rule = RulePacks.chinaAdvertisingLawArticle9("detail.description");

    assertEquals("detail.description", rule.field());
    assertTrue(rule.terms().containsAll(List.of("国家级", "世界级", "最高级", "最佳", "最好", "最优", "最大", "最低价",
        "第一", "唯一", "首个", "首选", "顶级", "极品", "绝对", "全网第一", "销量第一", "万能")), rule.terms().toString());
    assertTrue(rule.description().orElseThrow().contains("not legal advice"));
    assertEquals(List.of(), rule.checkValue(Map.of("detail", Map.of("description", "高山云雾绿茶，明前采摘"))));
    assertEquals(List.of("detail.description"), rule.checkValue(Map.of("detail", Map.of("description", "国家级好茶")))
        .stream().map(Violation::path).toList());
  }

  @Test
  void chinaAdvertisingLawPackReportsAnOverlappingTermOnceAsItsJavadocSays() {
    ForbiddenTerms rule = RulePacks.chinaAdvertisingLawArticle9("title");

    assertEquals(List.of("ERROR  title  cn-ad-law-article-9: forbidden term \"全网第一\" at 0"),
        rule.checkValue(Map.of("title", "全网第一")).stream().map(Violation::toString).toList());
  }

  @Test
  void eachCallGivesARuleOnTheRequestedFieldWithTheSameTerms() {
    assertEquals(RulePacks.chinaAdvertisingLawArticle9("title").terms(),
        RulePacks.chinaAdvertisingLawArticle9("subtitle").terms());
    assertEquals("subtitle", RulePacks.chinaAdvertisingLawArticle9("subtitle").field());
  }
}
