package dev.finegrain.core.testing;

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

/**
 * Checks that the builders of a finegrain module's values refuse a null naming what was null. Used
 * by each module's {@code BuilderNullArgumentTest}.
 */
public final class BuilderNulls {
  private static final Pattern HELPFUL = Pattern.compile("because \"(\\w+)\" is null");

  /**
   * Hands a null to every method of every builder Immutables generated in the module of
   * {@code anyClass} (an attribute, an element such as {@code addReviewerRole(null)}, a map's key
   * or value) and lists those that do not refuse it with an exception naming the attribute
   * ({@code reviewerRoles element}, never a bare {@code NullPointerException: null}). The
   * generated classes are found in the directory {@code anyClass} was loaded from, as in a
   * module's own tests, so a new value type is covered as soon as it exists.
   *
   * @param anyClass a class of the module, loaded from a directory of classes
   * @return one line per builder method that accepted a null or refused it without naming what was
   *     null; empty if every one named it
   * @throws IllegalStateException if the directory holds fewer than six generated classes, or no
   *     builder method took a reference
   */
  public static List<String> unnamedNulls(Class<?> anyClass) {
    List<String> unnamed = new ArrayList<>();
    int calls = 0;
    for (Class<?> generated : generatedValueClasses(anyClass)) {
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
        Object[] args = Arrays.stream(method.getParameterTypes()).map(BuilderNulls::nullIn).toArray();
        calls++;
        String call = type.getSimpleName() + ".Builder." + method.getName()
            + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
        try {
          method.invoke(invoke(builder.get()), args);
          unnamed.add(call + " accepted a null");
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(call + ": " + e, e);
        } catch (InvocationTargetException e) {
          Throwable thrown = e.getCause();
          if (!(thrown instanceof NullPointerException || thrown instanceof IllegalArgumentException)
              || !names(thrown.getMessage(), attributes, method)) {
            unnamed.add(call + " threw " + thrown);
          }
        }
      }
    }
    if (calls == 0) {
      throw new IllegalStateException("no builder method of " + anyClass.getPackageName() + " takes a reference");
    }
    return unnamed;
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

  /** A new builder from {@code builder}, a static {@code builder()} method. */
  private static Object invoke(Method builder) {
    try {
      return builder.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(builder + ": " + e, e);
    }
  }

  /** The classes Immutables generated beside {@code anyClass}: {@code Immutable*}, top-level. */
  private static List<Class<?>> generatedValueClasses(Class<?> anyClass) {
    List<Class<?>> out = new ArrayList<>();
    try {
      Path classes = Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(f -> f.getFileName().toString().matches("Immutable[^$]+\\.class")).sorted()
            .toList()) {
          String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
          out.add(Class.forName(name.substring(0, name.length() - ".class".length()), false,
              anyClass.getClassLoader()));
        }
      }
    } catch (IOException | URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException("reading the classes beside " + anyClass.getName() + ": " + e, e);
    }
    if (out.size() < 6) {
      throw new IllegalStateException("found only " + out + " beside " + anyClass.getName());
    }
    return out;
  }

  private BuilderNulls() {}
}
