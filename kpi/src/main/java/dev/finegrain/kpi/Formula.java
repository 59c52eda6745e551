package dev.finegrain.kpi;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A small arithmetic formula over named values, written as text and parsed once: derived fields
 * such as ship delay in whole hours, {@code (shippedAt - createdAt) // 1h}, and derived KPIs such as
 * net revenue, {@code gmv - refunds}.
 *
 * <pre>{@code
 * Formula delay = Formula.parse("(shippedAt - createdAt) // 1h");
 * delay.names();                 // [shippedAt, createdAt]
 * delay.isWhole(name -> true);   // true: whole numbers in, // keeps them whole
 * }</pre>
 *
 * <p>Grammar: numbers ({@code 42}, {@code 0.5}), durations in milliseconds ({@code 30s}, {@code 15min},
 * {@code 1h}, {@code 1d}, {@code 500ms}), names ({@code amountCents}; a name with other characters
 * goes in backticks: {@code `on-time-rate`}), parentheses, unary minus, and the operators
 * {@code + - *}, {@code /} (division, a decimal result) and {@code //} (whole division, rounded
 * down). {@code * / //} bind tighter than {@code + -}; all are left-associative. A division by zero
 * makes the result empty, never infinite or zero.
 *
 * <p>Instants: in a query's derived field, an instant field may only be subtracted from another
 * instant, which gives a duration in milliseconds ({@code shippedAt - createdAt}, then
 * {@code // 1h} for whole hours); an instant minus a number, or an instant added to, multiplied,
 * divided or negated, is refused when the query meets its records, naming the part that does it.
 *
 * <p>Limits, so that a formula from an untrusted source costs bounded time and stack: at most
 * {@value #MAX_LENGTH} characters, parentheses nested at most {@value #MAX_DEPTH} deep, and an
 * operator tree at most {@value #MAX_DEPTH} operators deep (each operator whose operand is the
 * result of another operator adds a level: {@code a + b + c} is two levels deep, {@code --a} two,
 * and a sum of 66 terms too deep). Beyond them {@link #parse} throws a
 * {@link DefinitionException} naming the position.
 *
 * <p>Numbers: a whole constant (with its unit, in milliseconds) is at most
 * {@value #MAX_EXACT_WHOLE} = 2^53 in size, the largest a double holds exactly, so no constant is
 * silently rounded. A whole formula (no {@code /}) computes in exact 64-bit arithmetic: when record
 * values make it overflow, the query throws an {@link ArithmeticException} naming the derived field.
 *
 * @since 0.1
 */
public final class Formula {
  /** The most characters a formula may have: {@value}. */
  public static final int MAX_LENGTH = 4096;

  /** The deepest parentheses may nest, and the deepest operators may apply to other operators' results: {@value}. */
  public static final int MAX_DEPTH = 64;

  /** The largest whole constant a formula may hold, 2^53, past which doubles skip whole numbers: {@value}. */
  public static final long MAX_EXACT_WHOLE = 1L << 53;

  /**
   * An operator of a formula.
   *
   * @since 0.1
   */
  public enum Op {
    /** {@code a + b}. */
    ADD("+"),
    /** {@code a - b}. */
    SUBTRACT("-"),
    /** {@code a * b}. */
    MULTIPLY("*"),
    /** {@code a / b}; empty when {@code b} is 0. */
    DIVIDE("/"),
    /** {@code a // b}, the quotient rounded toward negative infinity; empty when {@code b} is 0. */
    WHOLE_DIVIDE("//"),
    /** {@code -a}. */
    NEGATE("-");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** {@return the operator as written, such as {@code //}} */
    public String symbol() {
      return symbol;
    }
  }

  /**
   * A node of a parsed formula: a number, a name, or an operator applied to operands.
   *
   * @since 0.1
   */
  public abstract static class Node {
    Node() {}

    /** Operators on the longest way down from this node: 0 for a number or a name. */
    int depth() {
      return 0;
    }

    abstract void names(Set<String> out);

    abstract boolean isWhole(java.util.function.Predicate<String> wholeName);

    abstract void render(StringBuilder out, int parentPrecedence);
  }

  /**
   * A constant. Whole constants (including durations) are held as {@code long}.
   *
   * @since 0.1
   */
  public static final class Constant extends Node {
    private final double value;
    private final boolean whole;
    private final String text;

    Constant(double value, boolean whole, String text) {
      this.value = value;
      this.whole = whole;
      this.text = text;
    }

    /** {@return the number} */
    public double value() {
      return value;
    }

    /** {@return whether the number was written as a whole number} */
    public boolean whole() {
      return whole;
    }

    @Override
    void names(Set<String> out) {}

    @Override
    boolean isWhole(java.util.function.Predicate<String> wholeName) {
      return whole;
    }

    @Override
    void render(StringBuilder out, int parentPrecedence) {
      out.append(text);
    }
  }

  /**
   * A reference to a field (or, in a derived KPI, to another KPI) by name.
   *
   * @since 0.1
   */
  public static final class Name extends Node {
    private final String name;

    Name(String name) {
      this.name = name;
    }

    /** {@return the name, a record field or a KPI id} */
    public String name() {
      return name;
    }

    @Override
    void names(Set<String> out) {
      out.add(name);
    }

    @Override
    boolean isWhole(java.util.function.Predicate<String> wholeName) {
      return wholeName.test(name);
    }

    @Override
    void render(StringBuilder out, int parentPrecedence) {
      out.append(isPlain(name) ? name : "`" + name + "`");
    }
  }

  /**
   * An operator with one (negation) or two operands.
   *
   * @since 0.1
   */
  public static final class Operation extends Node {
    private final Op op;
    private final ImmutableList<Node> operands;
    private final int depth;

    Operation(Op op, List<Node> operands) {
      this.op = op;
      this.operands = ImmutableList.copyOf(operands);
      int deepest = 0;
      for (Node operand : operands) {
        deepest = Math.max(deepest, operand.depth());
      }
      this.depth = deepest + 1;
    }

    @Override
    int depth() {
      return depth;
    }

    /** {@return the operator} */
    public Op op() {
      return op;
    }

    /** {@return the operands, one for {@link Op#NEGATE} and two otherwise} */
    public List<Node> operands() {
      return operands;
    }

    @Override
    void names(Set<String> out) {
      operands.forEach(n -> n.names(out));
    }

    @Override
    boolean isWhole(java.util.function.Predicate<String> wholeName) {
      return op != Op.DIVIDE && operands.stream().allMatch(n -> n.isWhole(wholeName));
    }

    private int precedence() {
      switch (op) {
        case ADD:
        case SUBTRACT:
          return 1;
        case NEGATE:
          return 3;
        default:
          return 2;
      }
    }

    @Override
    void render(StringBuilder out, int parentPrecedence) {
      int own = precedence();
      boolean parens = own < parentPrecedence;
      if (parens) {
        out.append('(');
      }
      if (op == Op.NEGATE) {
        out.append('-');
        operands.get(0).render(out, own);
      } else {
        operands.get(0).render(out, own);
        out.append(' ').append(op.symbol()).append(' ');
        // left-associative: a right operand of the same precedence needs parentheses
        operands.get(1).render(out, own + 1);
      }
      if (parens) {
        out.append(')');
      }
    }
  }

  private final String text;
  private final Node root;

  private Formula(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /**
   * Parses {@code text}.
   *
   * @param text the formula as written
   * @return the parsed formula
   * @throws DefinitionException naming the position and what was expected there, for a malformed
   *     formula or one beyond the limits ({@link #MAX_LENGTH}, {@link #MAX_DEPTH}); read from JSON,
   *     the problem's path is the formula's, such as {@code derivedFields.shipDelayHours}
   */
  @JsonCreator
  public static Formula parse(String text) {
    checkNotNull(text, "text");
    Parser parser = new Parser(text);
    if (text.length() > MAX_LENGTH) {
      parser.pos = MAX_LENGTH;
      throw parser.fail("too long", "a formula has at most " + MAX_LENGTH + " characters (Formula.MAX_LENGTH), this one "
          + text.length());
    }
    Node root = parser.expression();
    parser.skipSpaces();
    if (parser.pos < text.length()) {
      throw parser.error("an operator or the end");
    }
    return new Formula(text, root);
  }

  /** {@return the parsed tree} */
  public Node root() {
    return root;
  }

  /** {@return the names the formula reads, in order of first appearance} */
  public List<String> names() {
    Set<String> out = new LinkedHashSet<>();
    root.names(out);
    return ImmutableList.copyOf(out);
  }

  /**
   * Whether the formula gives whole numbers when the names for which {@code wholeName} is true
   * hold whole numbers: no {@code /} and no decimal constant.
   *
   * @param wholeName whether a name holds whole numbers
   * @return whether the formula gives whole numbers when the names for which {@code wholeName} is true hold whole
   *     numbers: no {@code /} and no decimal constant
   */
  public boolean isWhole(java.util.function.Predicate<String> wholeName) {
    return root.isWhole(wholeName);
  }

  /** {@return the formula as written} */
  @JsonValue
  public String text() {
    return text;
  }

  /** {@return the formula in canonical form, with only the parentheses it needs} */
  public String canonical() {
    StringBuilder out = new StringBuilder();
    root.render(out, 0);
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Formula other && other.canonical().equals(canonical());
  }

  @Override
  public int hashCode() {
    return canonical().hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** A formula's text for a message: as written up to 80 characters, else its start and its length. */
  private static String abbreviated(String text) {
    return text.length() <= 80 ? text : text.substring(0, 60) + "... (" + text.length() + " characters)";
  }

  static boolean isPlain(String name) {
    if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    return name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.');
  }

  private static final class Parser {
    private final String text;
    private int pos;
    /** Parentheses open at {@link #pos}. */
    private int nesting;

    Parser(String text) {
      this.text = text;
    }

    Node expression() {
      Node left = term();
      while (true) {
        skipSpaces();
        if (peek('+')) {
          int at = pos++;
          left = operation(Op.ADD, at, left, term());
        } else if (peek('-')) {
          int at = pos++;
          left = operation(Op.SUBTRACT, at, left, term());
        } else {
          return left;
        }
      }
    }

    Node term() {
      Node left = unary();
      while (true) {
        skipSpaces();
        if (text.startsWith("//", pos)) {
          int at = pos;
          pos += 2;
          left = operation(Op.WHOLE_DIVIDE, at, left, unary());
        } else if (peek('/')) {
          int at = pos++;
          left = operation(Op.DIVIDE, at, left, unary());
        } else if (peek('*')) {
          int at = pos++;
          left = operation(Op.MULTIPLY, at, left, unary());
        } else {
          return left;
        }
      }
    }

    Node unary() {
      skipSpaces();
      int start = pos;
      int minuses = 0;
      // a run of unary minuses is read in a loop, not a recursion per minus
      while (peek('-')) {
        if (++minuses > MAX_DEPTH) {
          throw tooDeep(pos, "operators applied to the results of other operators");
        }
        pos++;
        skipSpaces();
      }
      Node node = primary();
      for (int i = 0; i < minuses; i++) {
        node = operation(Op.NEGATE, start, node, null);
      }
      return node;
    }

    /** {@code op} on {@code left} (and {@code right} unless null), refused beyond {@link #MAX_DEPTH} levels. */
    Node operation(Op op, int at, Node left, Node right) {
      Operation node = new Operation(op, right == null ? List.of(left) : List.of(left, right));
      if (node.depth() > MAX_DEPTH) {
        throw tooDeep(at, "operators applied to the results of other operators");
      }
      return node;
    }

    DefinitionException tooDeep(int at, String what) {
      pos = at;
      return fail("nested too deep", what + " nest at most " + MAX_DEPTH + " deep (Formula.MAX_DEPTH)");
    }

    Node primary() {
      skipSpaces();
      if (pos >= text.length()) {
        throw error("a number, a name or '('");
      }
      char c = text.charAt(pos);
      if (c == '(') {
        if (nesting == MAX_DEPTH) {
          throw tooDeep(pos, "parentheses");
        }
        nesting++;
        pos++;
        Node inner = expression();
        skipSpaces();
        if (!peek(')')) {
          throw error("')'");
        }
        pos++;
        nesting--;
        return inner;
      }
      if (c == '`') {
        int close = text.indexOf('`', pos + 1);
        if (close < 0 || close == pos + 1) {
          throw error("a name and a closing '`'");
        }
        String name = text.substring(pos + 1, close);
        pos = close + 1;
        return new Name(name);
      }
      if (Character.isDigit(c) || c == '.') {
        return number();
      }
      if (Character.isLetter(c) || c == '_') {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
            || text.charAt(pos) == '.')) {
          pos++;
        }
        return new Name(text.substring(start, pos));
      }
      throw error("a number, a name or '('");
    }

    Node number() {
      int start = pos;
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      String digits = text.substring(start, pos);
      int unitStart = pos;
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      String unit = text.substring(unitStart, pos);
      boolean decimal = digits.contains(".");
      double value;
      try {
        value = Double.parseDouble(digits);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("a number");
      }
      long millis;
      switch (unit) {
        case "":
          millis = 1;
          break;
        case "ms":
          millis = 1;
          break;
        case "s":
          millis = 1_000;
          break;
        case "min":
          millis = 60_000;
          break;
        case "h":
          millis = 3_600_000;
          break;
        case "d":
          millis = 86_400_000;
          break;
        default:
          pos = unitStart;
          throw error("a unit ms, s, min, h or d");
      }
      double scaled = value * millis;
      boolean whole = !decimal || (!unit.isEmpty() && scaled == Math.rint(scaled));
      if (!Double.isFinite(scaled)) {
        pos = start;
        throw error("a number within the range of a double");
      }
      if (whole && new java.math.BigDecimal(digits).multiply(java.math.BigDecimal.valueOf(millis))
          .compareTo(java.math.BigDecimal.valueOf(MAX_EXACT_WHOLE)) > 0) {
        // a double holds every whole number up to 2^53 exactly; past it, 9007199254740993 would
        // silently compute as 9007199254740992
        pos = start;
        throw error("a whole number of at most 2^53 = 9007199254740992 (with its unit, in milliseconds)");
      }
      return new Constant(scaled, whole, text.substring(start, pos));
    }

    boolean peek(char c) {
      return pos < text.length() && text.charAt(pos) == c;
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    DefinitionException error(String expected) {
      return problem("expected " + expected + " at position " + pos);
    }

    DefinitionException fail(String what, String why) {
      return problem(what + " at position " + pos + ": " + why);
    }

    private DefinitionException problem(String message) {
      return new DefinitionException("formula '" + abbreviated(text) + "'", List.of(Problem.of("", message)));
    }
  }

  /**
   * Names in a formula that are not among {@code known}, in order.
   *
   * @param known the names that are known
   * @return names in a formula that are not among {@code known}, in order
   */
  public List<String> unknownNames(Set<String> known) {
    List<String> out = new ArrayList<>();
    for (String name : names()) {
      if (!known.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }
}
