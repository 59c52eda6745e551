package dev.finegrain.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@link Duration} only from ISO-8601 text such as {@code "PT4H"}: the default reader takes
 * a bare number as seconds, which in a definition (a step's duration, a stage's deadline) is more
 * likely a mistake than a choice.
 */
final class IsoDurationDeserializer extends StdScalarDeserializer<Duration> {
  private static final long serialVersionUID = 1L;

  IsoDurationDeserializer() {
    super(Duration.class);
  }

  @Override
  public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      throw InvalidFormatException.from(parser, "a duration must be ISO-8601 text", parser.getNumberValue(),
          Duration.class);
    }
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      throw InvalidFormatException.from(parser, "a duration must be ISO-8601 text", parser.getBooleanValue(),
          Duration.class);
    }
    if (token != JsonToken.VALUE_STRING) {
      return (Duration) context.handleUnexpectedToken(Duration.class, parser);
    }
    String text = parser.getText().trim();
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return (Duration) context.handleWeirdStringValue(Duration.class, text, "not an ISO-8601 duration");
    }
  }
}
