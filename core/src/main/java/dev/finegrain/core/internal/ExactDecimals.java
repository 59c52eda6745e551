package dev.finegrain.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads the number constants of definitions (a number range's bounds, allowed values, a
 * condition's values) with a decimal kept exact, as a {@code BigDecimal}: read as a double,
 * {@code 1e-400} would already be {@code 0.0} before the definition could refuse it, as it refuses
 * the same number given in Java. Anything else is read as for the declared type. Used with
 * {@code @JsonDeserialize(using = ...)} or {@code contentUsing} on the attribute.
 */
public final class ExactDecimals {
  private ExactDecimals() {}

  /** The decimal at the parser's current float token, or a mapping error naming why it is not one. */
  static BigDecimal read(JsonParser parser) throws IOException {
    try {
      return Values.decimal("", parser.getText());
    } catch (IllegalArgumentException e) {
      throw JsonMappingException.from(parser, e.getMessage().substring(2));
    }
  }

  /** For an attribute of type {@code Number}: a decimal exact, anything else as for {@code Number}. */
  public static final class ForNumber extends StdDeserializer<Number> {
    private static final long serialVersionUID = 1L;

    /** For Jackson, which makes one for each annotated attribute. */
    public ForNumber() {
      super(Number.class);
    }

    @Override
    public Number deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        return read(parser);
      }
      return context.readValue(parser, Number.class);
    }
  }

  /** For an attribute of type {@code Object}: a decimal exact, anything else as for {@code Object}. */
  public static final class ForValue extends StdDeserializer<Object> {
    private static final long serialVersionUID = 1L;

    /** For Jackson, which makes one for each annotated attribute. */
    public ForValue() {
      super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        return read(parser);
      }
      return context.readValue(parser, Object.class);
    }
  }
}
