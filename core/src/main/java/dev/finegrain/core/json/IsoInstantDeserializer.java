package dev.finegrain.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads an {@link Instant} only from ISO-8601 text such as {@code "2026-03-01T08:00:00Z"}: the
 * default reader takes a bare number, or a number in quotes, as epoch seconds, so epoch
 * milliseconds (a tick's {@code at}, a delegation's {@code validFrom}) would land some 56,000
 * years ahead and fire every deadline. Whether a number means seconds or milliseconds would be a
 * guess.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
  private static final long serialVersionUID = 1L;

  IsoInstantDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      throw InvalidFormatException.from(parser, "an instant must be ISO-8601 text", parser.getNumberValue(),
          Instant.class);
    }
    if (token == JsonToken.VALUE_EMBEDDED_OBJECT && parser.getEmbeddedObject() instanceof Instant at) {
      return at;
    }
    if (token != JsonToken.VALUE_STRING) {
      return (Instant) context.handleUnexpectedToken(Instant.class, parser);
    }
    String text = parser.getText().trim();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
    }
  }
}
