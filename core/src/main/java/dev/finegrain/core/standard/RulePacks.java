package dev.finegrain.core.standard;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.finegrain.core.json.FinegrainJson;
import java.io.InputStream;

/**
 * Ready-made rules, read from JSON resources shipped in this package.
 *
 * <pre>{@code
 * Rule adLaw = RulePacks.chinaAdvertisingLawArticle9("title");
 * adLaw.checkValue(Map.of("title", "全网最佳绿茶"));   // [ERROR  title  cn-ad-law-article-9: forbidden term "最佳" at 2]
 * }</pre>
 *
 * @since 0.1
 */
public final class RulePacks {
  static final String CHINA_AD_LAW_ARTICLE_9 = "china-advertising-law-article-9.json";

  private RulePacks() {}

  /**
   * A {@code forbidden-terms} rule with id {@code cn-ad-law-article-9} on {@code field}, listing
   * absolute terms that China's Advertising Law (广告法), Article 9 item 3, forbids in ads: "must not
   * use 国家级, 最高级, 最佳 and similar terms" — 国家级, 世界级, 最高级, 最佳, 最好, 最优, 最大, 最低价, 第一,
   * 唯一, 首个, 首选, 顶级, 极品, 绝对, 全网第一, 销量第一, 万能 and a few more.
   *
   * <p><strong>A starting list, not legal advice.</strong> It is neither complete nor a ruling on
   * any text: 第一 in "第一步" is harmless, and regulators judge context. Review the violations, and
   * extend the list ({@link ForbiddenTerms#terms()}) for your category. Matching ignores case and
   * reports every occurrence with its position; occurrences do not overlap, the leftmost and then
   * the longest winning, so 全网第一 gives one violation, not a second one for the 第一 inside it
   * (see {@link ForbiddenTerms}).
   * The resource is read once per class loader; each call returns a rule on the given field.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @return a {@code forbidden-terms} rule with id {@code cn-ad-law-article-9} on {@code field}
   * @throws dev.finegrain.core.DefinitionException if {@code field} is not a valid field path
   */
  public static ForbiddenTerms chinaAdvertisingLawArticle9(String field) {
    checkNotNull(field, "field");
    return ChinaAdLaw.RULE.onField(field);
  }

  /** Reads a rule shipped as a resource of this package. */
  static Rule load(String resource) {
    InputStream in = RulePacks.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("rule pack resource missing from finegrain-core: " + resource);
    }
    return FinegrainJson.read(in, Rule.class);
  }

  /** Holds the parsed resource; loaded on first use. */
  private static final class ChinaAdLaw {
    static final ForbiddenTerms RULE = (ForbiddenTerms) load(CHINA_AD_LAW_ARTICLE_9);
  }
}
