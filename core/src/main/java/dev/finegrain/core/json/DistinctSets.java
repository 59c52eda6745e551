package dev.finegrain.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a JSON list read into a {@link Set} that holds an element twice, such as RACI letters
 * {@code ["A", "R", "A"]}: the set would keep one and drop the other without a word, where a
 * repeated element is most likely a typo for another.
 */
final class DistinctSets extends BeanDeserializerModifier {
  private static final long serialVersionUID = 1L;

  @Override
  public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
      BeanDescription description, JsonDeserializer<?> deserializer) {
    if (!Set.class.isAssignableFrom(type.getRawClass())) {
      return deserializer;
    }
    return new Distinct(deserializer, config.getTypeFactory().constructCollectionType(List.class, type.getContentType()));
  }

  /**
   * Buffers the list's tokens as written (numbers keep their text, so the readers that check a
   * number as written still see it), reads them as a list of the set's elements, checks those are
   * distinct as the set would compare them, then lets the set's own reader read the same tokens.
   */
  static final class Distinct extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;
    private final JavaType listType;

    Distinct(JsonDeserializer<?> delegate, JavaType listType) {
      super(delegate);
      this.listType = listType;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Distinct(delegate, listType);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        return super.deserialize(parser, context);  // not a list: the set's reader says what it expects
      }
      TokenBuffer tokens = context.bufferAsCopyOfValue(parser);
      List<?> elements;
      try (JsonParser again = tokens.asParserOnFirstToken()) {
        elements = context.readValue(again, listType);
      }
      Map<Object, Integer> seen = new HashMap<>();
      for (int i = 0; i < elements.size(); i++) {
        Integer first = seen.putIfAbsent(elements.get(i), i);
        if (first != null) {
          throw JsonMappingException.from(parser, String.format(
              "element %s repeats element %s ('%s'); a set holds each element once", i, first, elements.get(i)));
        }
      }
      try (JsonParser again = tokens.asParserOnFirstToken()) {
        return super.deserialize(again, context);
      }
    }
  }
}
