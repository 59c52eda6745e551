package dev.finegrain.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import java.io.IOException;
import java.util.HashMap;
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
    return Set.class.isAssignableFrom(type.getRawClass()) ? new Distinct(deserializer) : deserializer;
  }

  /** Reads the list as a tree, checks its elements are distinct, then lets the set's own reader read it. */
  static final class Distinct extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    Distinct(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Distinct(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        return super.deserialize(parser, context);  // not a list: the set's reader says what it expects
      }
      JsonNode list = context.readTree(parser);
      Map<JsonNode, Integer> seen = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        Integer first = seen.putIfAbsent(list.get(i), i);
        if (first != null) {
          throw JsonMappingException.from(parser, String.format(
              "element %s repeats element %s, %s; a set holds each element once", i, first, list.get(i)));
        }
      }
      try (JsonParser elements = list.traverse(parser.getCodec())) {
        elements.nextToken();
        return super.deserialize(elements, context);
      }
    }
  }
}
