package dev.finegrain.core.condition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A comparison operator; in JSON its symbol, such as {@code "<="}.
 *
 * @since 0.1
 */
public enum Comparison {
  /** Less than ({@code <}). */
  LT("<"),
  /** Less than or equal ({@code <=}). */
  LE("<="),
  /** Greater than ({@code >}). */
  GT(">"),
  /** Greater than or equal ({@code >=}). */
  GE(">="),
  /** Equal ({@code ==}); numbers compare by value. */
  EQ("=="),
  /** Not equal ({@code !=}). */
  NE("!=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  /**
   * The operator as written: {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==}, {@code !=}.
   *
   * @return the operator as written: {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==}, {@code !=}
   */
  @JsonValue
  public String symbol() {
    return symbol;
  }

  /**
   * Whether a comparison result ({@code compareTo}'s sign) satisfies this operator.
   *
   * @param order the sign of {@code compareTo} of the left operand with the right
   * @return whether a comparison result ({@code compareTo}'s sign) satisfies this operator
   */
  public boolean holds(int order) {
    switch (this) {
      case LT:
        return order < 0;
      case LE:
        return order <= 0;
      case GT:
        return order > 0;
      case GE:
        return order >= 0;
      case EQ:
        return order == 0;
      default:
        return order != 0;
    }
  }

  /**
   * The operator with this symbol.
   *
   * @param symbol one of {@code < <= > >= == !=}
   * @return the operator with this symbol
   * @throws IllegalArgumentException listing the known symbols
   */
  @JsonCreator
  public static Comparison ofSymbol(String symbol) {
    for (Comparison c : values()) {
      if (c.symbol.equals(symbol)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown comparison '" + symbol + "'; expected one of "
        + Arrays.stream(values()).map(Comparison::symbol).collect(Collectors.joining(" ")));
  }

  @Override
  public String toString() {
    return symbol;
  }
}
