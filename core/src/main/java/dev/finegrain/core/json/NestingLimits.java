package dev.finegrain.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Rule;
import java.io.IOException;

/**
 * Counts how deep rules and conditions nest while JSON is read, and stops at the first level past
 * {@link Rule#MAX_DEPTH} or {@link Condition#MAX_DEPTH}: the definitions check their depth when
 * built, but they are built innermost first, after Jackson has already descended through every
 * level, so a deep enough document would overflow the stack before any check ran.
 */
final class NestingLimits extends BeanDeserializerModifier {
  private static final long serialVersionUID = 1L;

  @Override
  public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
      JsonDeserializer<?> deserializer) {
    Class<?> type = description.getBeanClass();
    if (type.getEnclosingClass() != null && type.getSimpleName().equals("Json")) {
      // Immutables' Json helper extends the value type and is read inside the value's own reader:
      // counting it too would count each level twice
      return deserializer;
    }
    if (Rule.class.isAssignableFrom(type)) {
      return new Counting(deserializer, Level.RULES);
    }
    if (Condition.class.isAssignableFrom(type)) {
      return new Counting(deserializer, Level.CONDITIONS);
    }
    return deserializer;
  }

  /** What is counted, with its limit and the words of the error. */
  enum Level {
    RULES(Rule.MAX_DEPTH, "rules", "each-element/conditional", "Rule.MAX_DEPTH"),
    CONDITIONS(Condition.MAX_DEPTH, "conditions", "and/or/not", "Condition.MAX_DEPTH");

    final int max;
    final String what;
    final String nesting;
    final String constant;

    Level(int max, String what, String nesting, String constant) {
      this.max = max;
      this.what = what;
      this.nesting = nesting;
      this.constant = constant;
    }
  }

  /** One deserializer of a rule or condition class, counting the levels open in this read. */
  static final class Counting extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;
    private final Level level;

    Counting(JsonDeserializer<?> delegate, Level level) {
      super(delegate);
      this.level = level;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Counting(delegate, level);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      Object open = context.getAttribute(level);
      int depth = open == null ? 1 : (Integer) open + 1;
      if (depth > level.max) {
        throw JsonMappingException.from(parser, String.format("%s nested more than %s deep; at most %s levels of %s"
            + " are allowed (%s)", level.what, level.max, level.max, level.nesting, level.constant));
      }
      context.setAttribute(level, depth);
      try {
        return super.deserialize(parser, context);
      } finally {
        context.setAttribute(level, depth - 1);
      }
    }
  }
}
