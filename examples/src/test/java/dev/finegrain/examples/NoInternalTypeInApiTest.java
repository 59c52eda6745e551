package dev.finegrain.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Team;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.workflow.ReviewEngine;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No public signature of core, kpi or workflow names a type of their internal packages: what a
 * builder throws for a missing attribute is, in every signature and javadoc, a
 * {@link dev.finegrain.core.DefinitionException}, though its class is internal
 * ({@code MissingAttributesException}); callers catch {@code DefinitionException}.
 */
class NoInternalTypeInApiTest {
  @Test
  void noPublicSignatureNamesAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    int classes = 0;
    for (Class<?> anchor : List.of(Team.class, Kpi.class, ReviewEngine.class)) {
      for (String name : classNames(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
        if (name.contains(".internal.") || name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, anchor.getClassLoader());
        if (!isApi(type)) {
          continue;
        }
        classes++;
        List<Type> named = new ArrayList<>();
        named.add(type.getGenericSuperclass());
        named.addAll(Arrays.asList(type.getGenericInterfaces()));
        List<Executable> members = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
        members.addAll(Arrays.asList(type.getDeclaredConstructors()));
        for (Executable member : members) {
          if (visible(member.getModifiers()) && !member.isSynthetic()) {
            named.addAll(Arrays.asList(member.getGenericParameterTypes()));
            named.addAll(Arrays.asList(member.getGenericExceptionTypes()));
            if (member instanceof Method method) {
              named.add(method.getGenericReturnType());
            }
          }
        }
        for (Field field : type.getDeclaredFields()) {
          if (visible(field.getModifiers())) {
            named.add(field.getGenericType());
          }
        }
        named.stream().filter(t -> t != null && t.getTypeName().matches(".*dev\\.finegrain\\.[a-z.]*\\.internal\\..*"))
            .forEach(t -> leaks.add(name + " names " + t.getTypeName()));
      }
    }
    assertTrue(classes > 100, "found only " + classes + " public classes");
    assertEquals(List.of(), leaks);
  }

  /** Public, and so are the classes it is nested in. */
  private static boolean isApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** The classes in a directory of classes or a jar. */
  private static List<String> classNames(Path location) throws IOException, URISyntaxException {
    List<String> paths = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.map(f -> location.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
            .forEach(paths::add);
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().map(e -> e.getName()).forEach(paths::add);
      }
    }
    return paths.stream().filter(p -> p.endsWith(".class") && !p.startsWith("META-INF"))
        .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.')).sorted().toList();
  }
}
