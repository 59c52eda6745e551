package dev.finegrain.workflow.internal.codec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.stream.Collectors;

/**
 * The JSON {@code type} of each {@link ReviewEvent}, taken from its {@link EventCodec}: the
 * registry is the one place event type names are written down.
 */
public final class EventTypeIds extends TypeIdResolverBase {
  /** Jackson creates one per use of the annotation. */
  public EventTypeIds() {}

  @Override
  public String idFromValue(Object value) {
    return EventCodecs.of((ReviewEvent) value).name();
  }

  @Override
  public String idFromValueAndType(Object value, Class<?> suggestedType) {
    return idFromValue(value);
  }

  @Override
  public JavaType typeFromId(DatabindContext context, String id) {
    EventCodec<?> codec = EventCodecs.byName(id);
    return codec == null ? null : context.constructType(codec.type());
  }

  @Override
  public String getDescForKnownTypeIds() {
    return EventCodecs.ALL.stream().map(EventCodec::name).collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public JsonTypeInfo.Id getMechanism() {
    return JsonTypeInfo.Id.CUSTOM;
  }
}
