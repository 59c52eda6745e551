package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A null handed to any method of a builder of this module's values — an attribute, an element
 * ({@code addReviewerRole(null)}), a map's key or value — is refused with an exception whose
 * message begins with the attribute's name ({@code reviewerRoles element}), never a bare
 * {@code NullPointerException: null}. Found by reflection over every generated class, so a new
 * value type is covered as soon as it exists.
 */
class BuilderNullArgumentTest {
  private static final Pattern HELPFUL = Pattern.compile("because \"(\\w+)\" is null");

  @Test
  void aNullGivenToAnyBuilderMethodIsRefusedNamingTheAttribute() throws Exception {
    List<String> unnamed = new ArrayList<>();
    int calls = 0;
    for (Class<?> generated : generatedValueClasses()) {
      Class<?> type = generated.getSuperclass() == Object.class ? generated.getInterfaces()[0] : generated.getSuperclass();
      Optional<Method> builder = staticBuilder(type).or(() -> staticBuilder(generated));
      if (builder.isEmpty()) {
        continue;
      }
      Set<String> attributes = Arrays.stream(type.getMethods())
          .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
          .map(Method::getName).collect(Collectors.toSet());
      Class<?> builderType = builder.get().getReturnType();
      for (Method method : builderType.getMethods()) {
        if (method.getDeclaringClass() == Object.class || method.getParameterCount() == 0
            || method.getName().equals("from") || method.isSynthetic()
            || Arrays.stream(method.getParameterTypes()).allMatch(Class::isPrimitive)) {
          continue;
        }
        method.setAccessible(true);
        Object[] args = Arrays.stream(method.getParameterTypes()).map(BuilderNullArgumentTest::nullIn).toArray();
        calls++;
        String call = type.getSimpleName() + ".Builder." + method.getName()
            + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
        try {
          method.invoke(builder.get().invoke(null), args);
          unnamed.add(call + " accepted a null");
        } catch (InvocationTargetException e) {
          Throwable thrown = e.getCause();
          if (!(thrown instanceof NullPointerException || thrown instanceof IllegalArgumentException)
              || !names(thrown.getMessage(), attributes, method)) {
            unnamed.add(call + " threw " + thrown);
          }
        }
      }
    }
    assertTrue(calls > 0, "no builder method found");
    assertEquals(List.of(), unnamed);
  }

  @Test
  void aNullReviewerRoleNamesTheAttribute() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Stage.builder().id("copy").name("Copy").addReviewerRole((String) null));

    assertEquals("reviewerRoles element", e.getMessage());
  }

  /**
   * Whether {@code message} names what was null: it begins with an attribute's name
   * ({@code reviewerRoles element}, {@code skills value for key: writing}), or is the JDK's own
   * message naming the attribute's parameter ({@code ... because "deadline" is null}, from a
   * generated {@code deadline(Optional)}), or, from a method of several parameters that is no
   * attribute's, names one of them.
   */
  private static boolean names(String message, Set<String> attributes, Method method) {
    if (message == null || message.isBlank()) {
      return false;
    }
    Matcher helpful = HELPFUL.matcher(message);
    return attributes.contains(message.split("[ :.\\[]", 2)[0])
        || (helpful.find() && attributes.contains(helpful.group(1)))
        || method.getParameterCount() > 1;
  }

  /** A null where {@code parameter} goes, or inside it: an element of an array or list, a map's value. */
  private static Object nullIn(Class<?> parameter) {
    if (parameter.isPrimitive()) {
      return Array.get(Array.newInstance(parameter, 1), 0);
    }
    if (parameter == Object.class) {
      return null;
    }
    if (parameter.isArray()) {
      return Array.newInstance(parameter.getComponentType(), 1);
    }
    if (parameter.isAssignableFrom(List.class)) {
      return Arrays.asList((Object) null);
    }
    if (parameter.isAssignableFrom(HashMap.class)) {
      Map<Object, Object> map = new HashMap<>();
      map.put("k", null);
      return map;
    }
    if (parameter == Map.Entry.class) {
      return new AbstractMap.SimpleEntry<>("k", null);
    }
    return null;
  }

  private static Optional<Method> staticBuilder(Class<?> type) {
    try {
      Method builder = type.getDeclaredMethod("builder");
      if (!Modifier.isStatic(builder.getModifiers())) {
        return Optional.empty();
      }
      builder.setAccessible(true);
      return Optional.of(builder);
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  /** The classes Immutables generated in this module: {@code Immutable*}, top-level. */
  private static List<Class<?>> generatedValueClasses() throws IOException, ReflectiveOperationException, URISyntaxException {
    Path classes = Path.of(Stage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("Immutable[^$]+\\.class")).sorted().toList()) {
        String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        out.add(Class.forName(name.substring(0, name.length() - ".class".length())));
      }
    }
    assertTrue(out.size() > 5, "found only " + out);
    return out;
  }
}
