package dev.finegrain.core.standard;

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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of rules together with field values that satisfy them and values that break them.
 * Each rule owns its own fields ({@code f3}, and {@code f3_kind} for a conditional), so breaking
 * one rule cannot make another report.
 */
final class StandardArbitraries {
  static final List<String> KINDS = List.of("required", "text-length", "pattern", "forbidden-terms", "number-range",
      "allowed-values", "list-size", "each-element", "conditional");

  /** Code points for texts: latin, Chinese and emoji, none of them whitespace or a digit. */
  private static final List<String> ALPHABET = List.of("a", "b", "z", "茶", "叶", "🍵", "😀");
  private static final List<String> LOWER = List.of("a", "b", "c", "x");
  /** Filler for forbidden-terms texts: shares no character with {@link #TERMS}. */
  private static final List<String> FILLER = List.of("x", "y", "z", "茶", "🍵", " ");
  private static final List<String> TERMS = List.of("最佳", "best", "第一", "顶级", "Ultra");
  private static final List<Object> VALUES = List.of("tea", "food", "toys", 1L, 2.5, true);

  private StandardArbitraries() {}

  /** A rule, the fields it owns, values of those fields that satisfy it, and values that break it. */
  record RuleCase(Rule rule, Set<String> fields, Map<String, Object> good, Map<String, Object> bad) {}

  /** One to six rule cases on fields {@code f0}, {@code f1}, ... */
  static Arbitrary<List<RuleCase>> cases() {
    return Arbitraries.integers().between(1, 6).flatMap(n -> Combinators.combine(
        IntStream.range(0, n).mapToObj(i -> anyCase("f" + i)).collect(Collectors.toList())).as(list -> list));
  }

  /** A standard of generated rules, sometimes with a parent, description and rule descriptions. */
  static Arbitrary<Standard> standards() {
    Arbitrary<String> ids = Arbitraries.strings().withChars("abc-").ofMinLength(1).ofMaxLength(6)
        .filter(s -> !s.isBlank());
    return Combinators.combine(ids, Arbitraries.integers().between(1, 9), ids.optional(), texts(0, 6).optional(),
        cases()).as((id, version, parent, description, cases) -> Standard.builder().id(id).version(version)
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

  static Arbitrary<RuleCase> anyCase(String f) {
    Arbitrary<RuleCase> plain = Arbitraries.of(KINDS).flatMap(kind -> caseFor(kind, f));
    return Combinators.combine(plain, Arbitraries.of(Severity.class), texts(1, 4).optional())
        .as((c, severity, description) -> new RuleCase(describe(c.rule().withSeverity(severity), description),
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

  static Arbitrary<RuleCase> caseFor(String kind, String f) {
    switch (kind) {
      case "required":
        return Combinators.combine(Arbitraries.oneOf(texts(1, 5).map(s -> (Object) s),
                Arbitraries.longs().between(-5, 5).map(n -> (Object) n)),
            Arbitraries.of(Optional.<Object>empty(), Optional.<Object>of(" \t")))
            .as((good, bad) -> simple(Rules.required(f), f, good, bad));
      case "text-length":
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4))
            .flatAs((min, span) -> {
              int max = min + span;
              Arbitrary<Object> bad = min > 0
                  ? Arbitraries.oneOf(texts(0, min - 1), texts(max + 1, max + 3)).map(s -> (Object) s)
                  : Arbitraries.oneOf(texts(max + 1, max + 3).map(s -> (Object) s), Arbitraries.just((Object) 7L));
              return Combinators.combine(texts(min, max), bad)
                  .as((good, b) -> simple(Rules.textLength(f, min, max), f, good, Optional.of(b)));
            });
      case "pattern":
        return Arbitraries.integers().between(0, 2).flatMap(variant -> {
          switch (variant) {
            case 0:
              return Combinators.combine(lower(1, 8), lower(0, 8)).as((good, bad) ->
                  simple(Rules.matching(f, "^[a-z]{1,8}$"), f, good, Optional.of(bad + "1")));
            case 1:
              return Combinators.combine(lower(0, 8), lower(0, 4), Arbitraries.integers().between(0, 9))
                  .as((good, head, digit) -> simple(Rules.notMatching(f, "\\d"), f, good,
                      Optional.of(head + digit + good)));
            default:
              return Combinators.combine(lower(0, 3), lower(0, 3), lower(0, 6)).as((head, tail, bad) ->
                  simple(Rules.matching(f, "茶"), f, head + "茶" + tail, Optional.of(bad)));
          }
        });
      case "forbidden-terms":
        return Arbitraries.subsetOf(TERMS).ofMinSize(1).ofMaxSize(3).map(ArrayList::new).flatMap(terms ->
            Combinators.combine(filler(), filler(), filler(), Arbitraries.of(terms), Arbitraries.of(true, false))
                .as((good, head, tail, term, upper) -> simple(Rules.forbiddenTerms(f, terms), f, good,
                    Optional.of(head + (upper ? term.toUpperCase(Locale.ROOT) : term) + tail))));
      case "number-range":
        return Combinators.combine(Arbitraries.longs().between(-50, 50), Arbitraries.longs().between(0, 50),
            Arbitraries.integers().between(0, 2)).flatAs((min, span, sides) -> {
              long max = min + span;
              NumberRange rule = sides == 0 ? Rules.numberRange(f, min, max)
                  : sides == 1 ? Rules.minimum(f, min) : Rules.maximum(f, max);
              Arbitrary<Object> good = Arbitraries.oneOf(Arbitraries.longs().between(min, max).map(n -> (Object) n),
                  Arbitraries.doubles().between(min, max).map(d -> (Object) d));
              Arbitrary<Object> bad = sides == 0 ? Arbitraries.of(min - 1, max + 0.5)
                  : sides == 1 ? Arbitraries.of(min - 1, min - 0.5, "ten") : Arbitraries.of(max + 1, max + 0.5);
              return Combinators.combine(good, bad).as((g, b) -> simple(rule, f, g, Optional.of(b)));
            });
      case "allowed-values":
        return Arbitraries.subsetOf(VALUES).ofMinSize(1).ofMaxSize(4).map(ArrayList::new).flatMap(values ->
            Combinators.combine(Arbitraries.of(values), Arbitraries.of("other", 99L, false, "Tea"))
                .filter((good, bad) -> values.stream().noneMatch(v -> v.equals(bad)))
                .as((good, bad) -> simple(Rules.allowedValues(f, values.toArray()), f, good, Optional.of(bad))));
      case "list-size":
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2))
            .flatAs((min, span) -> {
              int max = min + span;
              Arbitrary<Integer> badSize = min > 0 ? Arbitraries.of(min - 1, max + 1) : Arbitraries.just(max + 1);
              return Combinators.combine(Arbitraries.integers().between(min, max), badSize)
                  .as((good, bad) -> simple(Rules.listSize(f, min, max), f, Collections.nCopies(good, "img"),
                      Optional.of(Collections.nCopies(bad, "img"))));
            });
      case "each-element":
        return Arbitraries.longs().between(0, 100).flatMap(min -> {
          Arbitrary<Map<String, Object>> ok = Arbitraries.longs().between(min, min + 50).map(w -> Map.of("w", w));
          Arbitrary<List<Map<String, Object>>> good = ok.list().ofMaxSize(3);
          Arbitrary<List<Map<String, Object>>> bad = Combinators.combine(ok.list().ofMaxSize(2),
              ok.list().ofMaxSize(2)).as((before, after) -> {
                List<Map<String, Object>> all = new ArrayList<>(before);
                all.add(Map.of("w", min - 1));
                all.addAll(after);
                return all;
              });
          return Combinators.combine(good, bad)
              .as((g, b) -> simple(Rules.eachElement(f, Rules.minimum("w", min)), f, g, Optional.of(b)));
        });
      case "conditional":
        String flag = f + "_kind";
        Rule rule = Rules.when(Condition.eq(flag, "food"), Rules.required(f));
        Arbitrary<Map<String, Object>> good = Arbitraries.oneOf(
            texts(1, 3).map(t -> Map.of(flag, "food", f, t)),
            Arbitraries.just(Map.of(flag, "tea")),
            Arbitraries.just(Map.of()));
        return good.map(g -> new RuleCase(rule, Set.of(f, flag), g, Map.of(flag, "food")));
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  private static RuleCase simple(Rule rule, String f, Object good, Optional<Object> bad) {
    return new RuleCase(rule, Set.of(f), Map.of(f, good), bad.map(b -> Map.of(f, b)).orElse(Map.of()));
  }

  static Arbitrary<String> texts(int min, int max) {
    return Arbitraries.of(ALPHABET).list().ofMinSize(min).ofMaxSize(max).map(l -> String.join("", l));
  }

  private static Arbitrary<String> lower(int min, int max) {
    return Arbitraries.of(LOWER).list().ofMinSize(min).ofMaxSize(max).map(l -> String.join("", l));
  }

  private static Arbitrary<String> filler() {
    return Arbitraries.of(FILLER).list().ofMaxSize(4).map(l -> String.join("", l));
  }
}
