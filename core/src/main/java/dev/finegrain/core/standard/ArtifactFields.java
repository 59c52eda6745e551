package dev.finegrain.core.standard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.finegrain.core.internal.ConstantJson;
import dev.finegrain.core.internal.Values;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an artifact's fields from JSON strictly, token by token: numbers kept exact until checked
 * against the range of a double, {@code {"$instant": "..."}} read as an instant, a {@code null}
 * member or element and a blank member name refused (as {@link Values#normalize} refuses them in
 * Java), and nesting stopped at
 * {@link Values#MAX_DEPTH} before it goes deeper. Every error names its path below {@code fields}.
 */
final class ArtifactFields extends StdDeserializer<Map<String, Object>> {
  private static final long serialVersionUID = 1L;

  ArtifactFields() {
    super(Map.class);
  }

  @Override
  public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    return read(parser);
  }

  /** Reads the object at the parser's current token. */
  static Map<String, Object> read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw JsonMappingException.from(parser, "expected an object of fields, got " + describe(parser));
    }
    return readObject(parser, 1);
  }

  private static Object readValue(JsonParser parser, int depth) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
      case START_ARRAY:
        if (depth + 1 > Values.MAX_DEPTH) {
          throw JsonMappingException.from(parser, "lists and maps nested more than " + Values.MAX_DEPTH
              + " deep; at most " + Values.MAX_DEPTH + " levels are allowed (Artifact.MAX_DEPTH)");
        }
        return token == JsonToken.START_OBJECT ? readObject(parser, depth + 1) : readArray(parser, depth + 1);
      case VALUE_STRING:
        return text(parser);
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw JsonMappingException.from(parser, "whole number " + Values.shorten(parser.getText())
              + " does not fit in a long");
        }
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        if (parser.isNaN()) {
          throw JsonMappingException.from(parser, "expected a finite number, got " + parser.getText());
        }
        try {
          // from the text: a BigDecimal cannot hold 1e9999999999, and Jackson's own message would name none of this
          return Values.toDouble("", Values.decimal("", parser.getText()));
        } catch (IllegalArgumentException e) {
          throw JsonMappingException.from(parser, e.getMessage().substring(2));
        }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw JsonMappingException.from(parser, "expected a text, number, boolean, list or object, got "
            + describe(parser));
    }
  }

  private static Map<String, Object> readObject(JsonParser parser, int depth) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      parser.nextToken();
      if (name.isBlank()) {
        throw JsonMappingException.from(parser, Values.blankFieldName(name));  // at the object's path
      }
      try {
        checkText(parser, name);
        Object value = readValue(parser, depth);
        if (value == null) {
          throw JsonMappingException.from(parser, Values.NULL_VALUE);
        }
        fields.put(name, unwrap(value));
      } catch (JsonMappingException e) {
        e.prependPath(fields, name);
        throw e;
      }
    }
    if (fields.containsKey(Values.INSTANT_TAG)) {
      return instant(parser, fields);
    }
    return fields;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> instant(JsonParser parser, Map<String, Object> fields) throws IOException {
    Object text = fields.get(Values.INSTANT_TAG);
    if (fields.size() != 1 || !(text instanceof String)) {
      throw JsonMappingException.from(parser, ConstantJson.INSTANT_FORM);
    }
    // a one-entry map standing for the instant; the caller unwraps it
    return (Map<String, Object>) (Map<?, ?>) Map.of(Values.INSTANT_TAG,
        ConstantJson.instant(parser, (String) text, fields));
  }

  private static List<Object> readArray(JsonParser parser, int depth) throws IOException {
    List<Object> elements = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      try {
        Object value = readValue(parser, depth);
        if (value == null) {
          throw JsonMappingException.from(parser, Values.NULL_ELEMENT);
        }
        elements.add(unwrap(value));
      } catch (JsonMappingException e) {
        e.prependPath(elements, elements.size());
        throw e;
      }
    }
    return elements;
  }

  private static String text(JsonParser parser) throws IOException {
    String text = parser.getText();
    checkText(parser, text);
    return text;
  }

  private static void checkText(JsonParser parser, String text) throws JsonMappingException {
    try {
      Values.checkText("", text);
    } catch (IllegalArgumentException e) {
      throw JsonMappingException.from(parser, e.getMessage().substring(2));
    }
  }

  /** What the parser is at, for a message: {@code a list}, {@code "tea"}, never a token's name. */
  private static String describe(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "nothing";
    }
    switch (token) {
      case START_ARRAY:
        return "a list";
      case START_OBJECT:
        return "an object";
      case VALUE_STRING:
        return Values.describe(parser.getText());
      case VALUE_EMBEDDED_OBJECT:
        // only in a tree built in Java (Artifact.fromJson): binary data, or any Java object
        Object embedded = parser.getEmbeddedObject();
        return embedded instanceof byte[] ? "binary data"
            : "a Java object" + (embedded == null ? "" : " (" + embedded.getClass().getSimpleName() + ")");
      default:
        return Values.shorten(parser.getText());  // a number, true, false or null, as written
    }
  }

  /** An instant's one-entry map back to the instant. */
  private static Object unwrap(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1 && map.get(Values.INSTANT_TAG) instanceof Instant at) {
      return at;
    }
    return value;
  }

  /** The path of a JSON mapping error, {@code images[2].width}. */
  static String pathOf(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** {@code fields} with every instant written as {@code {"$instant": "..."}}, for JSON. */
  static Map<String, Object> tagInstants(Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((name, value) -> out.put(name, tag(value)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object tag(Object value) {
    if (value instanceof Instant at) {
      return Map.of(Values.INSTANT_TAG, at.toString());
    }
    if (value instanceof Map<?, ?> map) {
      return tagInstants((Map<String, Object>) map);
    }
    if (value instanceof Collection<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(tag(v)));
      return out;
    }
    return value;
  }
}
