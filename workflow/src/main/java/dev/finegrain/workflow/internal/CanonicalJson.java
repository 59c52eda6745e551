package dev.finegrain.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.finegrain.core.json.FinegrainJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A canonical JSON text of a value, for hashing: the value's {@link FinegrainJson} tree written
 * compactly with the keys of every object in sorted order, so that the text depends only on the
 * content and not on property order or indentation.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = FinegrainJson.mapper();

  private CanonicalJson() {}

  /** The canonical text of {@code value}. */
  public static String of(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(MAPPER.valueToTree(value), out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(TextNode.valueOf(names.get(i)).toString()).append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else {
      // scalars: text quoted and escaped, numbers, booleans and null as Jackson writes them
      out.append(node.toString());
    }
  }
}
