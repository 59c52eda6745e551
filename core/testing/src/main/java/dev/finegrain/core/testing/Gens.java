package dev.finegrain.core.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Generators for property tests, on top of QuickTheories' own: numbers with their edge cases
 * (bounds, zero, ±1, {@code Long.MIN_VALUE}...) mixed into the random ones, lists as
 * {@link ArrayList}s with sizes biased towards small, and a few combinators. Everything shrinks:
 * numbers towards zero (or the bound nearest to it), lists towards fewer elements, choices towards the
 * first one.
 *
 * @since 0.1
 */
public final class Gens {
  /** One generated value in this many is an edge case of its generator. */
  private static final int EDGE_ONE_IN = 20;

  private Gens() {}

  /**
   * Any long, with {@code Long.MIN_VALUE}, {@code MAX_VALUE}, zero and ±1 among them.
   *
   * @return a generator of uniformly random longs plus those edge cases; shrinks towards zero
   */
  public static Gen<Long> longs() {
    return withEdges(SourceDSL.longs().all(), Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1,
        Long.MAX_VALUE);
  }

  /**
   * Longs from {@code min} to {@code max} inclusive: half uniform, half {@link #spread spread} over
   * the magnitudes, with the bounds, zero and ±1 (when inside) among them.
   *
   * @param min the smallest long generated, inclusive
   * @param max the largest long generated, inclusive; not less than {@code min}
   * @return a generator of longs in {@code [min, max]}; shrinks towards zero, or towards the bound
   *     nearest to it when zero is outside the range
   */
  public static Gen<Long> longs(long min, long max) {
    List<Long> edges = new ArrayList<>();
    for (long edge : new long[] {min, min + 1, -1, 0, 1, max - 1, max}) {
      if (edge >= min && edge <= max && !edges.contains(edge)) {
        edges.add(edge);
      }
    }
    Gen<Long> any = SourceDSL.longs().between(min, max);
    // spreading needs max - min to fit a long; a range that wide is drawn uniformly
    boolean spreadable = min >= -(1L << 62) && max <= (1L << 62);
    return withEdges(spreadable ? mostly(1, any, spread(min, max)) : any, edges);
  }

  /**
   * Longs from {@code min} to {@code max}, magnitudes spread evenly: a bit length first, then a
   * value of that many bits above or below the point of the range nearest zero. Small values are as
   * common as large ones, as in real data; shrinks towards that point.
   *
   * @param min the least value
   * @param max the greatest value
   * @return longs spread over the magnitudes of the range
   */
  public static Gen<Long> spread(long min, long max) {
    long center = Math.max(min, Math.min(max, 0));
    long up = max - center;
    long down = center - min;
    Gen<Boolean> upwards = SourceDSL.booleans().all();
    return in -> {
      boolean upward = down == 0 || up != 0 && upwards.generate(in);
      long span = upward ? up : down;
      int bits = Generate.range(0, 64 - Long.numberOfLeadingZeros(span)).generate(in);
      long limit = bits == 0 ? 0 : Math.min(span, (1L << (bits - 1)) * 2 - 1);
      long offset = Generate.longRange(0, limit).generate(in);
      return upward ? center + offset : center - offset;
    };
  }

  /**
   * Ints from {@code min} to {@code max} inclusive, with their edge cases as for {@link #longs(long, long)}.
   *
   * @param min the smallest int generated, inclusive
   * @param max the largest int generated, inclusive; not less than {@code min}
   * @return a generator of ints in {@code [min, max]}; shrinks towards zero, or the bound nearest to it
   */
  public static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /**
   * Doubles from {@code min} to {@code max}, with the bounds and zero (when inside) among them.
   *
   * @param min the smallest double generated, inclusive; finite
   * @param max the largest double generated, inclusive; finite and not less than {@code min}
   * @return a generator of doubles in {@code [min, max]} (never NaN or infinite); a random one
   *     shrinks as QuickTheories' {@code doubles().between(min, max)} does, an edge case towards {@code min}
   */
  public static Gen<Double> doubles(double min, double max) {
    List<Double> edges = new ArrayList<>(List.of(min, max));
    if (min < 0 && max > 0) {
      edges.add(0.0);
    }
    return withEdges(SourceDSL.doubles().between(min, max).map(d -> Math.min(max, d)), edges);
  }

  /**
   * Doubles from {@code min} to {@code max} with at most {@code scale} decimals, as prices and rates are.
   *
   * @param min the smallest double generated, inclusive; finite
   * @param max the largest double generated, inclusive; finite and not less than {@code min}
   * @param scale the most decimal digits after the point, zero or more; values are rounded half up to
   *     it, so a bound with more decimals may be rounded past
   * @return a generator of rounded doubles from the range; shrinks as {@link #doubles(double, double)}
   */
  public static Gen<Double> doubles(double min, double max, int scale) {
    return doubles(min, max).map(d -> BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_UP).doubleValue());
  }

  /**
   * True or false, half and half.
   *
   * @return a generator of booleans; shrinks towards {@code false}
   */
  public static Gen<Boolean> booleans() {
    return SourceDSL.booleans().all();
  }

  /**
   * One of the given values, shrinking towards the first.
   *
   * @param <T> the type of the values
   * @param values the values to choose from with equal chances, at least one; put the simplest first
   * @return a generator of one of {@code values}; shrinks towards {@code values[0]}
   */
  @SafeVarargs
  public static <T> Gen<T> pick(T... values) {
    List<T> list = new ArrayList<>();
    for (T value : values) {
      list.add(value);
    }
    return pick(list);
  }

  /**
   * One of the given values, shrinking towards the first.
   *
   * @param <T> the type of the values
   * @param values the values to choose from with equal chances, at least one and none null; copied,
   *     so later changes to the list are not seen
   * @return a generator of one of {@code values}; shrinks towards the first of them
   */
  public static <T> Gen<T> pick(List<T> values) {
    return Generate.pick(List.copyOf(values));
  }

  /**
   * A value of one of the generators, chosen with equal chances; shrinks towards the first.
   *
   * @param <T> the common supertype of the generators' values
   * @param generators the generators to draw from, at least one; put the simplest first
   * @return a generator that picks one of {@code generators} and returns its value; shrinks towards
   *     the first generator, then within the chosen one
   */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
    List<Gen<? extends T>> all = new ArrayList<>();
    for (Gen<? extends T> generator : generators) {
      all.add(generator);
    }
    Gen<Integer> index = Generate.range(0, all.size() - 1);
    return in -> all.get(index.generate(in)).generate(in);
  }

  /**
   * A value of {@code common} in {@code weight} cases out of {@code weight + 1}, otherwise of {@code rare}.
   *
   * @param <T> the type of the values
   * @param weight how many times likelier {@code common} is than {@code rare}, at least one
   * @param common the generator drawn from most of the time
   * @param rare the generator drawn from one time in {@code weight + 1}
   * @return a generator mixing the two; shrinks towards {@code common}'s values, and within the chosen
   *     generator as that generator shrinks
   */
  public static <T> Gen<T> mostly(int weight, Gen<T> common, Gen<T> rare) {
    return Generate.frequency(Pair.of(weight, common), Pair.of(1, rare));
  }

  /**
   * {@code gen}'s values, and one in {@value #EDGE_ONE_IN} of the given edge cases.
   *
   * @param <T> the type of the values
   * @param gen the generator of the ordinary values
   * @param edges the edge cases mixed in, at least one, none null; chosen with equal chances
   * @return a generator of mostly {@code gen}'s values; an edge case shrinks towards the first of
   *     {@code edges}, any other value as {@code gen} shrinks it
   */
  @SafeVarargs
  public static <T> Gen<T> withEdges(Gen<T> gen, T... edges) {
    List<T> list = new ArrayList<>();
    for (T edge : edges) {
      list.add(edge);
    }
    return withEdges(gen, list);
  }

  private static <T> Gen<T> withEdges(Gen<T> gen, List<T> edges) {
    return mostly(EDGE_ONE_IN - 1, gen, pick(edges));
  }

  /**
   * A {@link Random} from a generated seed, for shuffles and splits; shrinks towards seed 0.
   *
   * @return a generator of new, independently seeded {@code Random}s, printed as "a Random"
   */
  public static Gen<Random> randoms() {
    return SourceDSL.longs().all().map(Random::new).describedAs(r -> "a Random");
  }

  /**
   * Seeds for a {@link Random}, described as such when a failure prints them.
   *
   * @return a generator of any long, uniformly; shrinks towards zero
   */
  public static Gen<Long> seeds() {
    return SourceDSL.longs().all();
  }

  /**
   * Lists of {@code min} to {@code max} elements (an {@link ArrayList}), their sizes biased towards
   * small (the median a tenth of the way from {@code min} to {@code max}), with the
   * smallest and the largest size among them.
   *
   * <p>Each element past the minimum is drawn together with a rarely-zero "kept" mark. QuickTheories
   * shrinks one drawn number at a time towards zero; shrinking a mark to zero deletes its element
   * wherever it is in the list, which is what lets a failing list shrink to the elements that matter.
   *
   * @param <T> the type of the elements
   * @param elements the generator of each element
   * @param min the fewest elements, zero or more
   * @param max the most elements, not less than {@code min}
   * @return a generator of mutable lists of {@code min} to {@code max} elements; shrinks towards
   *     fewer elements, each element as {@code elements} shrinks it
   */
  public static <T> Gen<List<T>> lists(Gen<T> elements, int min, int max) {
    return lists(elements, min, sizes(min, max));
  }

  /**
   * Lists of {@code min} to {@code max} elements whose sizes are uniform over that range (the bounds
   * among them one time in twenty), for properties that need long lists as often as short ones; they
   * shrink as {@link #lists(Gen, int, int)} do.
   *
   * @param <T> the type of the elements
   * @param elements the generator of each element
   * @param min the fewest elements, zero or more
   * @param max the most elements, not less than {@code min}
   * @return a generator of mutable lists of {@code min} to {@code max} elements; shrinks towards
   *     fewer elements
   */
  public static <T> Gen<List<T>> uniformLists(Gen<T> elements, int min, int max) {
    return lists(elements, min, withEdges(Generate.range(min, max), min, max));
  }

  private static <T> Gen<List<T>> lists(Gen<T> elements, int min, Gen<Integer> sizes) {
    Gen<Integer> kept = Generate.range(0, 15);
    Gen<List<T>> lists = in -> {
      int size = sizes.generate(in);
      List<T> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        boolean keep = i < min || kept.generate(in) != 0;
        T element = elements.generate(in);
        if (keep) {
          list.add(element);
        }
      }
      return list;
    };
    return lists.describedAs(list -> list.stream().map(elements::asString)
        .collect(Collectors.joining(", ", "[", "]")));
  }

  /** Sizes from {@code min} to {@code max}: {@code min + (max - min) * u³} for a uniform u, and the bounds. */
  static Gen<Integer> sizes(int min, int max) {
    int unit = 1 << 20;
    Gen<Integer> biased = Generate.range(0, unit).map(u -> {
      double cube = Math.pow((double) u / unit, 3);
      return min + (int) Math.round((max - min) * cube);
    });
    return withEdges(biased, min, max);
  }

  /**
   * Lists of up to {@code max} elements, the empty list included, as {@link #lists(Gen, int, int)}
   * with a minimum of zero.
   *
   * @param <T> the type of the elements
   * @param elements the generator of each element
   * @param max the most elements, zero or more
   * @return a generator of mutable lists of 0 to {@code max} elements; shrinks towards the empty list
   */
  public static <T> Gen<List<T>> lists(Gen<T> elements, int max) {
    return lists(elements, 0, max);
  }

  /**
   * Lists of {@code min} (zero or one) to {@code max} elements, no two with the same {@code key}: a
   * generated list without the later duplicates.
   *
   * @param <T> the type of the elements
   * @param elements the generator of each element
   * @param min the fewest elements, zero or one (more could not be promised once duplicates are dropped)
   * @param max the most elements, not less than {@code min}; fewer come out when duplicates are drawn
   * @param key what makes two elements duplicates: elements with equal keys are the same
   * @return a generator of mutable lists with distinct keys, in order of generation; shrinks towards
   *     fewer elements
   * @throws IllegalArgumentException if {@code min} is more than one
   */
  public static <T> Gen<List<T>> uniqueLists(Gen<T> elements, int min, int max, Function<T, ?> key) {
    if (min > 1) {
      throw new IllegalArgumentException("min " + min + " > 1: dropping duplicates could leave fewer");
    }
    return lists(elements, min, max).map(list -> {
      Set<Object> seen = new HashSet<>();
      List<T> unique = new ArrayList<>();
      for (T t : list) {
        if (seen.add(key.apply(t))) {
          unique.add(t);
        }
      }
      return unique;
    });
  }

  /**
   * Sets of {@code min} to {@code max} elements, in their order of generation.
   *
   * @param <T> the type of the elements
   * @param elements the generator of each element
   * @param min the fewest elements, zero or one
   * @param max the most elements, not less than {@code min}; fewer come out when duplicates are drawn
   * @return a generator of mutable {@link java.util.LinkedHashSet}s; shrinks towards fewer elements
   * @throws IllegalArgumentException if {@code min} is more than one
   */
  public static <T> Gen<Set<T>> sets(Gen<T> elements, int min, int max) {
    return uniqueLists(elements, min, max, t -> t).map(list -> (Set<T>) new java.util.LinkedHashSet<>(list));
  }

  /**
   * Subsets of {@code from} of {@code min} to {@code max} elements, in {@code from}'s order.
   *
   * @param <T> the type of the elements
   * @param from the elements to choose from, none null; copied, so later changes are not seen
   * @param min the fewest elements chosen, zero to {@code from.size()}
   * @param max the most elements chosen; capped at {@code from.size()}
   * @return a generator of mutable lists of elements at distinct positions of {@code from};
   *     shrinks towards fewer elements and the first ones of {@code from}
   */
  public static <T> Gen<List<T>> subsets(List<T> from, int min, int max) {
    List<T> all = List.copyOf(from);
    Gen<Integer> sizes = Generate.range(min, Math.min(max, all.size()));
    return in -> {
      int size = sizes.generate(in);
      List<Integer> left = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        left.add(i);
      }
      boolean[] chosen = new boolean[all.size()];
      for (int i = 0; i < size; i++) {
        chosen[left.remove((int) Generate.range(0, left.size() - 1).generate(in))] = true;
      }
      List<T> subset = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (chosen[i]) {
          subset.add(all.get(i));
        }
      }
      return subset;
    };
  }

  /**
   * Maps of up to {@code max} entries (a key generated twice keeps its first value).
   *
   * @param <K> the type of the keys
   * @param <V> the type of the values
   * @param keys the generator of each key
   * @param values the generator of each value
   * @param max the most entries, zero or more; fewer come out when keys repeat
   * @return a generator of mutable {@link LinkedHashMap}s in order of generation; shrinks towards
   *     fewer entries
   */
  public static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int max) {
    Gen<Pair<K, V>> entries = keys.zip(values, Pair::of);
    return lists(entries, max).map(list -> {
      Map<K, V> map = new LinkedHashMap<>();
      list.forEach(e -> map.putIfAbsent(e._1, e._2));
      return map;
    });
  }

  /**
   * Empty or a value of {@code gen}, half and half.
   *
   * @param <T> the type of the present values
   * @param gen the generator of the present values, never null ones
   * @return a generator of optionals; shrinks towards {@link Optional#empty()}
   */
  public static <T> Gen<Optional<T>> optionals(Gen<T> gen) {
    return oneOf(SourceDSL.arbitrary().constant(Optional.<T>empty()), gen.map(Optional::of));
  }

  /**
   * Strings of {@code min} to {@code max} pieces, each one of {@code alphabet} (a character or more).
   *
   * @param alphabet the pieces to concatenate, at least one; put the simplest first
   * @param min the fewest pieces, zero or more
   * @param max the most pieces, not less than {@code min}
   * @return a generator of concatenated pieces; shrinks towards fewer pieces and the first of
   *     {@code alphabet}
   */
  public static Gen<String> strings(List<String> alphabet, int min, int max) {
    return lists(pick(alphabet), min, max).map(pieces -> String.join("", pieces));
  }

  /**
   * Strings of up to {@code max} characters from anywhere in the basic multilingual plane (no lone
   * surrogates), with the empty string, whitespace, quotes, backslashes and controls among them.
   *
   * @param max the most characters, zero or more
   * @return a generator of strings of 0 to {@code max} characters; shrinks towards fewer characters
   */
  public static Gen<String> strings(int max) {
    Gen<Character> chars = withEdges(SourceDSL.characters().basicMultilingualPlane()
        .map(c -> Character.isSurrogate(c) ? '?' : c), ' ', '\t', '\n', '\0', '"', '\\', '/', 'é', '客', '\uffff');
    return lists(chars, 0, max).map(list -> list.stream().map(String::valueOf).collect(Collectors.joining()));
  }

  /**
   * Any char, lone surrogates included, with the edges of the plane and of the surrogate ranges among them.
   *
   * @return a generator of every char from U+0000 to U+FFFF; shrinks towards U+0000
   */
  public static Gen<Character> chars() {
    return withEdges(Generate.range(0, 0xffff).map(i -> (char) i.intValue()),
        '\0', 'a', '\u007f', '\u0080', '\u07ff', '\u0800', '\ud800', '\udbff', '\udc00', '\udfff', '\uffff');
  }

  /**
   * Strings of {@code min} to {@code max} of any {@link #chars() chars}, lone surrogates included.
   *
   * @param min the fewest chars, zero or more
   * @param max the most chars, not less than {@code min}
   * @return a generator of strings that need not be valid UTF-16; shrinks towards fewer chars
   */
  public static Gen<String> anyStrings(int min, int max) {
    return lists(chars(), min, max).map(Gens::join);
  }

  /**
   * Strings of {@code min} to {@code max} ASCII characters, controls included.
   *
   * @param min the fewest characters, zero or more
   * @param max the most characters, not less than {@code min}
   * @return a generator of strings of chars 0 to 127; shrinks towards fewer characters
   */
  public static Gen<String> ascii(int min, int max) {
    return lists(withEdges(Generate.range(0, 127).map(i -> (char) i.intValue()), ' ', '~', '\0'), min, max)
        .map(Gens::join);
  }

  private static String join(List<Character> chars) {
    StringBuilder text = new StringBuilder(chars.size());
    chars.forEach(text::append);
    return text.toString();
  }

  /**
   * Arrays of exactly {@code size} bytes, with 0, ±1 and the extremes among them.
   *
   * @param size the length of every array, zero or more
   * @return a generator of new arrays, printed in hex; each byte shrinks towards zero
   */
  public static Gen<byte[]> bytes(int size) {
    Gen<Byte> one = longs(Byte.MIN_VALUE, Byte.MAX_VALUE).map(Long::byteValue);
    return lists(one, size, size).map(list -> {
      byte[] bytes = new byte[size];
      for (int i = 0; i < size; i++) {
        bytes[i] = list.get(i);
      }
      return bytes;
    }).describedAs(bytes -> java.util.HexFormat.of().formatHex(bytes));
  }

  /**
   * Strings of {@code min} to {@code max} ASCII letters.
   *
   * @param min the fewest letters, zero or more
   * @param max the most letters, not less than {@code min}
   * @return a generator of strings of {@code a-z} and {@code A-Z}; shrinks towards fewer letters and
   *     towards {@code 'a'}
   */
  public static Gen<String> alpha(int min, int max) {
    List<String> letters = new ArrayList<>();
    for (char c = 'a'; c <= 'z'; c++) {
      letters.add(String.valueOf(c));
      letters.add(String.valueOf(Character.toUpperCase(c)));
    }
    return strings(letters, min, max);
  }
}
