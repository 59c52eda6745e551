package dev.finegrain.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The JSON form of a condition's constants: texts, numbers and booleans as themselves (a decimal
 * read exact, as {@link ExactDecimals.ForValue} reads it), and an instant as an artifact writes one,
 * {@code {"$instant": "2026-03-01T08:00:00Z"}}, so that a condition equals itself after a JSON
 * round trip and means the same wherever it is used. Any other object is refused here, naming the
 * instant form, since it is the only object a constant may be.
 */
public final class ConstantJson {
  /** How an instant is written in JSON, for messages: {@code an instant is written {"$instant": ...}, ...}. */
  public static final String INSTANT_FORM = "an instant is written {\"" + Values.INSTANT_TAG
      + "\": \"2026-03-01T08:00:00Z\"}, with nothing else in the object";

  private ConstantJson() {}

  /**
   * The instant {@code text}, the value of a {@code $instant} member of {@code owner}, names; a
   * mapping error at that member if it names none.
   *
   * @param parser the parser, for the error's location
   * @param text the member's text
   * @param owner the object the member is in, for the error's path
   * @return the instant
   * @throws JsonMappingException if {@code text} is no ISO-8601 instant
   */
  public static Instant instant(JsonParser parser, String text, Object owner) throws JsonMappingException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      JsonMappingException error = JsonMappingException.from(parser, "expected an ISO-8601 instant such as"
          + " \"2026-03-01T08:00:00Z\", got " + Values.describe(text));
      error.prependPath(owner, Values.INSTANT_TAG);
      throw error;
    }
  }

  /** Reads a constant: {@code {"$instant": "..."}} as an {@link Instant}, anything else as {@link ExactDecimals.ForValue}. */
  public static final class Reader extends StdDeserializer<Object> {
    private static final long serialVersionUID = 1L;

    /** For Jackson, which makes one for each annotated attribute. */
    public Reader() {
      super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        return ExactDecimals.read(parser);
      }
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        return instant(parser);
      }
      return context.readValue(parser, Object.class);
    }

    private static Instant instant(JsonParser parser) throws IOException {
      String name = parser.nextFieldName();
      if (Values.INSTANT_TAG.equals(name) && parser.nextToken() == JsonToken.VALUE_STRING) {
        String text = parser.getText();
        if (parser.nextToken() == JsonToken.END_OBJECT) {
          return ConstantJson.instant(parser, text, Map.of());
        }
      }
      throw JsonMappingException.from(parser, "expected a text, number, boolean or instant; " + INSTANT_FORM);
    }
  }

  /** Writes a constant: an {@link Instant} as {@code {"$instant": "..."}}, anything else as Jackson would. */
  public static final class Writer extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;

    /** For Jackson, which makes one for each annotated attribute. */
    public Writer() {
      super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      if (value instanceof Instant at) {
        generator.writeStartObject();
        generator.writeStringField(Values.INSTANT_TAG, at.toString());
        generator.writeEndObject();
      } else {
        provider.defaultSerializeValue(value, generator);
      }
    }
  }
}
