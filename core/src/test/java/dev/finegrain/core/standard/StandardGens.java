package dev.finegrain.core.standard;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.optionals;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.strings;
import static dev.finegrain.core.testing.Gens.subsets;

import dev.finegrain.core.Severity;
import dev.finegrain.core.condition.Condition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.core.Gen;

/**
 * Generators of rules together with field values that satisfy them and values that break them.
 * Each rule owns its own fields ({@code f3}, and {@code f3_kind} for a conditional), so breaking
 * one rule cannot make another report.
 */
final class StandardGens {
  static final List<String> KINDS = List.of("required", "text-length", "pattern", "forbidden-terms", "number-range",
      "allowed-values", "list-size", "each-element", "conditional");

  /** Code points for texts: latin, Chinese and emoji, none of them whitespace or a digit. */
  private static final List<String> ALPHABET = List.of("a", "b", "z", "茶", "叶", "🍵", "😀");
  private static final List<String> LOWER = List.of("a", "b", "c", "x");
  /** Filler for forbidden-terms texts: shares no character with {@link #TERMS}. */
  private static final List<String> FILLER = List.of("x", "y", "z", "茶", "🍵", " ");
  private static final List<String> TERMS = List.of("最佳", "best", "第一", "顶级", "Ultra");
  private static final List<Object> VALUES = List.of("tea", "food", "toys", 1L, 2.5, true);

  private StandardGens() {}

  /** A rule, the fields it owns, values of those fields that satisfy it, and values that break it. */
  record RuleCase(Rule rule, Set<String> fields, Map<String, Object> good, Map<String, Object> bad) {}

  /** One to six rule cases on fields {@code f0}, {@code f1}, ... */
  static Gen<List<RuleCase>> cases() {
    Gen<Integer> sizes = ints(1, 6);
    return in -> {
      int n = sizes.generate(in);
      List<RuleCase> cases = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        cases.add(anyCase("f" + i).generate(in));
      }
      return cases;
    };
  }

  /** A standard of generated rules, sometimes with a parent, description and rule descriptions. */
  static Gen<Standard> standards() {
    Gen<String> ids = strings(List.of("a", "b", "c", "-"), 1, 6);
    return ids.zip(ints(1, 9), optionals(ids), optionals(texts(0, 6)), cases(),
        (id, version, parent, description, cases) -> Standard.builder().id(id).version(version)
            .artifactKind("listing").name("Standard " + id).parent(parent.filter(p -> !p.equals(id)))
            .description(description).addAllRules(cases.stream().map(RuleCase::rule).toList()).build());
  }

  static Standard standardOf(List<RuleCase> cases) {
    return Standard.builder().id("generated").version(1).artifactKind("listing").name("Generated")
        .addAllRules(cases.stream().map(RuleCase::rule).toList()).build();
  }

  static Artifact satisfying(List<RuleCase> cases) {
    Map<String, Object> fields = new HashMap<>();
    cases.forEach(c -> fields.putAll(c.good()));
    return Artifact.of("listing", fields);
  }

  static Artifact breaking(List<RuleCase> cases, int broken) {
    Map<String, Object> fields = new HashMap<>();
    cases.forEach(c -> fields.putAll(c.good()));
    RuleCase chosen = cases.get(broken);
    chosen.fields().forEach(fields::remove);
    fields.putAll(chosen.bad());
    return Artifact.of("listing", fields);
  }

  static Gen<RuleCase> anyCase(String f) {
    Gen<RuleCase> plain = pick(KINDS).flatMap(kind -> caseFor(kind, f));
    return plain.zip(pick(Severity.values()), optionals(texts(1, 4)),
        (c, severity, description) -> new RuleCase(describe(c.rule().withSeverity(severity), description),
            c.fields(), c.good(), c.bad()));
  }

  private static Rule describe(Rule rule, Optional<String> description) {
    if (description.isEmpty()) {
      return rule;
    }
    // a description on a few kinds is enough to cover the attribute in JSON
    if (rule instanceof TextLength) {
      return TextLength.builder().from((TextLength) rule).description(description).build();
    }
    if (rule instanceof ForbiddenTerms) {
      return ForbiddenTerms.builder().from((ForbiddenTerms) rule).description(description).build();
    }
    if (rule instanceof Conditional) {
      return Conditional.builder().from((Conditional) rule).description(description).build();
    }
    return rule;
  }

  static Gen<RuleCase> caseFor(String kind, String f) {
    switch (kind) {
      case "required":
        return oneOf(texts(1, 5).map(s -> (Object) s), longs(-5, 5).map(n -> (Object) n))
            .zip(pick(Optional.<Object>empty(), Optional.<Object>of(" \t")),
                (good, bad) -> simple(Rules.required(f), f, good, bad));
      case "text-length":
        return ints(0, 4).zip(ints(0, 4), (min, span) -> new int[] {min, min + span}).flatMap(bounds -> {
          int min = bounds[0];
          int max = bounds[1];
          Gen<Object> bad = min > 0
              ? oneOf(texts(0, min - 1), texts(max + 1, max + 3)).map(s -> (Object) s)
              : oneOf(texts(max + 1, max + 3).map(s -> (Object) s), pick((Object) 7L));
          return texts(min, max).zip(bad, (good, b) -> simple(Rules.textLength(f, min, max), f, good, Optional.of(b)));
        });
      case "pattern":
        return ints(0, 2).flatMap(variant -> {
          switch (variant) {
            case 0:
              return lower(1, 8).zip(lower(0, 8), (good, bad) ->
                  simple(Rules.matching(f, "^[a-z]{1,8}$"), f, good, Optional.of(bad + "1")));
            case 1:
              return lower(0, 8).zip(lower(0, 4), ints(0, 9),
                  (good, head, digit) -> simple(Rules.notMatching(f, "\\d"), f, good,
                      Optional.of(head + digit + good)));
            default:
              return lower(0, 3).zip(lower(0, 3), lower(0, 6), (head, tail, bad) ->
                  simple(Rules.matching(f, "茶"), f, head + "茶" + tail, Optional.of(bad)));
          }
        });
      case "forbidden-terms":
        return subsets(TERMS, 1, 3).flatMap(terms ->
            filler().zip(filler(), filler(), pick(terms), booleans(),
                (good, head, tail, term, upper) -> simple(Rules.forbiddenTerms(f, terms), f, good,
                    Optional.of(head + (upper ? term.toUpperCase(Locale.ROOT) : term) + tail))));
      case "number-range":
        return longs(-50, 50).zip(longs(0, 50), longs(0, 2), (min, span, sides) -> new long[] {min, min + span, sides})
            .flatMap(shape -> {
              long min = shape[0];
              long max = shape[1];
              long sides = shape[2];
              NumberRange rule = sides == 0 ? Rules.numberRange(f, min, max)
                  : sides == 1 ? Rules.minimum(f, min) : Rules.maximum(f, max);
              Gen<Object> good = oneOf(longs(min, max).map(n -> (Object) n), doubles(min, max).map(d -> (Object) d));
              Gen<Object> bad = sides == 0 ? pick(min - 1, max + 0.5)
                  : sides == 1 ? pick(min - 1, min - 0.5, "ten") : pick(max + 1, max + 0.5);
              return good.zip(bad, (g, b) -> simple(rule, f, g, Optional.of(b)));
            });
      case "allowed-values":
        // none of the bad values is among VALUES, so no filter is needed
        return subsets(VALUES, 1, 4).flatMap(values ->
            pick(values).zip(pick("other", 99L, false, "Tea"),
                (good, bad) -> simple(Rules.allowedValues(f, values.toArray()), f, good, Optional.of(bad))));
      case "list-size":
        return ints(0, 3).zip(ints(0, 2), (min, span) -> new int[] {min, min + span}).flatMap(bounds -> {
          int min = bounds[0];
          int max = bounds[1];
          Gen<Integer> badSize = min > 0 ? pick(min - 1, max + 1) : pick(max + 1);
          return ints(min, max).zip(badSize, (good, bad) -> simple(Rules.listSize(f, min, max), f,
              Collections.nCopies(good, "img"), Optional.of(Collections.nCopies(bad, "img"))));
        });
      case "each-element":
        return longs(0, 100).flatMap(min -> {
          Gen<Map<String, Object>> ok = longs(min, min + 50).map(w -> Map.of("w", w));
          Gen<List<Map<String, Object>>> good = lists(ok, 3);
          Gen<List<Map<String, Object>>> bad = lists(ok, 2).zip(lists(ok, 2), (before, after) -> {
                List<Map<String, Object>> all = new ArrayList<>(before);
                all.add(Map.of("w", min - 1));
                all.addAll(after);
                return all;
              });
          return good.zip(bad, (g, b) -> simple(Rules.eachElement(f, Rules.minimum("w", min)), f, g, Optional.of(b)));
        });
      case "conditional":
        String flag = f + "_kind";
        Rule rule = Rules.when(Condition.eq(flag, "food"), Rules.required(f));
        Gen<Map<String, Object>> good = oneOf(
            texts(1, 3).map(t -> Map.<String, Object>of(flag, "food", f, t)),
            pick(Map.<String, Object>of(flag, "tea")),
            pick(Map.<String, Object>of()));
        return good.map(g -> new RuleCase(rule, Set.of(f, flag), g, Map.of(flag, "food")));
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  private static RuleCase simple(Rule rule, String f, Object good, Optional<Object> bad) {
    return new RuleCase(rule, Set.of(f), Map.of(f, good), bad.map(b -> Map.of(f, b)).orElse(Map.of()));
  }

  static Gen<String> texts(int min, int max) {
    return strings(ALPHABET, min, max);
  }

  private static Gen<String> lower(int min, int max) {
    return strings(LOWER, min, max);
  }

  private static Gen<String> filler() {
    return strings(FILLER, 0, 4);
  }
}
