package dev.finegrain.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import dev.finegrain.core.internal.Values;
import java.io.IOException;

/**
 * Refuses a JSON number that no double can hold where a double is read (a target's value, a tier's
 * threshold, an amber band): {@code 1e-400} would be read as {@code 0.0} and {@code 1e400} as infinity,
 * a different number from the one written, without a word. A number a double holds only
 * approximately ({@code 0.1}, or {@code 1e-320} with fewer digits) is read as the nearest double, as
 * always; only a non-zero number that would become zero, and one too large for any double, are
 * refused. It covers {@code double} and {@code Double} attributes and their lists and maps (every
 * double a definition reads); not {@code OptionalDouble} or {@code double[]}, which Jackson reads
 * without a double's reader and which no definition has.
 */
final class FiniteDoubles extends BeanDeserializerModifier {
  private static final long serialVersionUID = 1L;

  @Override
  public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
      JsonDeserializer<?> deserializer) {
    Class<?> type = description.getBeanClass();
    if (type == Double.class || type == double.class) {
      return new Checked(deserializer);
    }
    return deserializer;
  }

  /** A double's reader, which looks at a number before the reader it wraps takes it. */
  static final class Checked extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    Checked(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Checked(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
        double value = parser.getDoubleValue();
        if (value == 0.0 || Double.isInfinite(value)) {
          try {
            Values.toDouble("", Values.decimal("", parser.getText()));
          } catch (IllegalArgumentException e) {
            throw JsonMappingException.from(parser, e.getMessage().substring(2));
          }
        }
      }
      return super.deserialize(parser, context);
    }
  }
}
