package dev.finegrain.core.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Collection;

/**
 * Reads the {@code "type"} of a polymorphic definition (a rule, condition, measure, payout rule,
 * command or event) as strictly as any other field. Jackson reads a type that is a list, an object
 * or null as no type at all, and reports it missing; a number or boolean as the text of its digits
 * or word; a whole value that is not an object ({@code true}, {@code 5}) as an object without a
 * type; and a list as a type name followed by the value ({@code ["required", {...}]}), a form
 * finegrain never writes. Here a type of the wrong kind is {@code type: expected one of [the known
 * names], got a list}, a value that is not an object is {@code expected a Rule object, got true},
 * and a truly missing type still says it is missing, with the known names.
 */
final class StrictTypeIds extends JacksonAnnotationIntrospector {
  private static final long serialVersionUID = 1L;

  @Override
  public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass ac, JavaType baseType) {
    return strict(super.findTypeResolver(config, ac, baseType));
  }

  @Override
  public TypeResolverBuilder<?> findPropertyTypeResolver(MapperConfig<?> config, AnnotatedMember am,
      JavaType baseType) {
    return strict(super.findPropertyTypeResolver(config, am, baseType));
  }

  @Override
  public TypeResolverBuilder<?> findPropertyContentTypeResolver(MapperConfig<?> config, AnnotatedMember am,
      JavaType containerType) {
    return strict(super.findPropertyContentTypeResolver(config, am, containerType));
  }

  private static TypeResolverBuilder<?> strict(TypeResolverBuilder<?> builder) {
    return builder != null && builder.getClass() == StdTypeResolverBuilder.class
        ? new Builder((StdTypeResolverBuilder) builder) : builder;
  }

  /** Jackson's builder, whose type-as-a-property readers are {@link Reader}s. */
  private static final class Builder extends StdTypeResolverBuilder {
    Builder(StdTypeResolverBuilder base) {
      super(base, base.getDefaultImpl());
    }

    @Override
    public TypeDeserializer buildTypeDeserializer(DeserializationConfig config, JavaType baseType,
        Collection<NamedType> subtypes) {
      TypeDeserializer reader = super.buildTypeDeserializer(config, baseType, subtypes);
      return reader != null && reader.getClass() == AsPropertyTypeDeserializer.class
          ? new Reader((AsPropertyTypeDeserializer) reader, null) : reader;
    }

    @Override
    public StdTypeResolverBuilder withDefaultImpl(Class<?> defaultImpl) {
      return new Builder(super.withDefaultImpl(defaultImpl));
    }

    @Override
    public StdTypeResolverBuilder withSettings(JsonTypeInfo.Value settings) {
      return new Builder(super.withSettings(settings));
    }
  }

  /**
   * Jackson's reader of a type given as a property, refusing what it would read as a missing type
   * or in another form. A type with a default implementation (none of finegrain's has one) is read
   * as Jackson reads it.
   */
  private static final class Reader extends AsPropertyTypeDeserializer {
    private static final long serialVersionUID = 1L;

    Reader(AsPropertyTypeDeserializer base, BeanProperty property) {
      super(base, property);
    }

    @Override
    public TypeDeserializer forProperty(BeanProperty property) {
      return property == _property ? this : new Reader(this, property);
    }

    @Override
    public Object deserializeTypedFromObject(JsonParser p, DeserializationContext context) throws IOException {
      if (!hasDefaultImpl() && !p.hasToken(JsonToken.START_OBJECT) && !p.hasToken(JsonToken.FIELD_NAME)
          && !p.hasToken(JsonToken.END_OBJECT)) {
        Object natural = TypeDeserializer.deserializeIfNatural(p, context, _baseType);
        if (natural != null) {
          return natural;  // a text or number where the base type is Object, say: not one of finegrain's
        }
        // the message is made from the target type and the token, as for any other value of the wrong kind
        throw MismatchedInputException.from(p, _baseType, "expected an object with '" + _typePropertyName + "'");
      }
      return super.deserializeTypedFromObject(p, context);
    }

    @Override
    public Object deserializeTypedFromAny(JsonParser p, DeserializationContext context) throws IOException {
      return hasDefaultImpl() ? super.deserializeTypedFromAny(p, context) : deserializeTypedFromObject(p, context);
    }

    /** Called with the parser at the type's value, which Jackson reads as a text: a number or boolean is not one. */
    @Override
    protected Object _deserializeTypedForId(JsonParser p, DeserializationContext context, TokenBuffer buffered,
        String typeId) throws IOException {
      if (!hasDefaultImpl() && !p.hasToken(JsonToken.VALUE_STRING)) {
        throw wrongKind(p, p.getText());
      }
      return super._deserializeTypedForId(p, context, buffered, typeId);
    }

    /**
     * Called when the object holds no type that Jackson could read as a text: either it holds none,
     * or one of another kind, which Jackson has put with the object's other fields in {@code buffered}.
     */
    @Override
    protected Object _deserializeTypedUsingDefaultImpl(JsonParser p, DeserializationContext context,
        TokenBuffer buffered, String priorFailureMessage) throws IOException {
      if (hasDefaultImpl() || !p.hasToken(JsonToken.END_OBJECT)) {
        return super._deserializeTypedUsingDefaultImpl(p, context, buffered, priorFailureMessage);
      }
      String got = buffered == null ? null : kindOfType(buffered.asParser(p));
      if (got != null) {
        throw wrongKind(p, got);
      }
      throw JsonMappingException.from(p, "missing '" + _typePropertyName + "'; expected one of "
          + _idResolver.getDescForKnownTypeIds());
    }

    /** What the type field among {@code fields} (names and values, no braces) holds; null if there is none. */
    private String kindOfType(JsonParser fields) throws IOException {
      try (fields) {
        while (fields.nextToken() == JsonToken.FIELD_NAME) {
          String name = fields.currentName();
          JsonToken value = fields.nextToken();
          if (name.equals(_typePropertyName)) {
            switch (value) {
              case START_ARRAY:
                return "a list";
              case START_OBJECT:
                return "an object";
              case VALUE_NULL:
                return "null";
              default:
                return fields.getText();
            }
          }
          fields.skipChildren();
        }
        return null;
      }
    }

    /** The error of a type that is not a text, at the type's path. */
    private JsonMappingException wrongKind(JsonParser p, String got) {
      JsonMappingException e = JsonMappingException.from(p, "expected one of " + _idResolver.getDescForKnownTypeIds()
          + ", got " + got);
      e.prependPath(new JsonMappingException.Reference(_baseType.getRawClass(), _typePropertyName));
      return e;
    }
  }
}
