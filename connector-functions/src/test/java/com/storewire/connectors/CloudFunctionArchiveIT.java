package com.storewire.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.functions.HttpFunction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive Cloud Build uploads and terraform deploys ({@code target/cloud-function.zip}) is one
 * Cloud Functions' Java runtime can run: a single jar at the top whose manifest names exactly the
 * jars in {@code libs/}, without the Functions Framework API the runtime brings, and in which every
 * entry point terraform names loads, with every class it could reach resolved, as an HTTP function
 * (terraform deploys every connector function as HTTP: Pub/Sub pushes to it).
 */
class CloudFunctionArchiveIT {

  private static final Path ARCHIVE = Path.of("target/cloud-function.zip");
  private static final String JAR = "connector-functions.jar";

  @TempDir static Path unpacked;

  @BeforeAll
  static void unpack() throws IOException {
    try (ZipFile zip = new ZipFile(ARCHIVE.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        Path target = unpacked.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(unpacked)).as("%s stays inside", entry).isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    }
  }

  @Test
  void oneJarAtTheTopWhoseClassPathIsExactlyItsLibraries() throws IOException {
    try (var top = Files.list(unpacked)) {
      assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(JAR, "libs");
    }
    Set<String> libraries = new TreeSet<>();
    try (var libs = Files.list(unpacked.resolve("libs"))) {
      libs.forEach(p -> libraries.add("libs/" + p.getFileName()));
    }
    assertThat(libraries).isNotEmpty().allMatch(name -> name.endsWith(".jar"));
    assertThat(new TreeSet<>(classPath())).isEqualTo(libraries);
    assertThat(libraries)
        .as("the runtime provides the Functions Framework API; a second copy would shadow it")
        .noneMatch(name -> name.contains("functions-framework-api"));
  }

  @Test
  void everyEntryPointLoadsAsAnHttpFunctionWithItsWholeClassGraph() throws Exception {
    List<String> entryPoints = entryPoints();
    assertThat(entryPoints).isNotEmpty();
    URL api = HttpFunction.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader runtime =
            new URLClassLoader(new URL[] {api}, ClassLoader.getPlatformClassLoader());
        URLClassLoader function =
            new URLClassLoader(new URL[] {unpacked.resolve(JAR).toUri().toURL()}, runtime)) {
      Class<?> httpFunction = runtime.loadClass(HttpFunction.class.getName());
      for (String entryPoint : entryPoints) {
        assertThat(httpFunction.isAssignableFrom(Class.forName(entryPoint, true, function)))
            .as("%s is an HttpFunction", entryPoint)
            .isTrue();
      }
      // Resolving every class's members reaches each library a call path could need: a jar
      // missing from the manifest fails here, not on a vendor call in production.
      for (String className : ownClasses()) {
        Class<?> type = Class.forName(className, false, function);
        assertThat(type.getDeclaredMethods()).isNotNull();
        assertThat(type.getDeclaredFields()).isNotNull();
        assertThat(type.getDeclaredConstructors()).isNotNull();
      }
    }
  }

  private static List<String> classPath() throws IOException {
    try (JarFile jar = new JarFile(unpacked.resolve(JAR).toFile())) {
      Manifest manifest = jar.getManifest();
      assertThat(manifest).as("the jar's manifest").isNotNull();
      String classPath = manifest.getMainAttributes().getValue("Class-Path");
      assertThat(classPath).as("the manifest's Class-Path").isNotBlank();
      return Arrays.asList(classPath.trim().split("\\s+"));
    }
  }

  private static List<String> ownClasses() throws IOException {
    List<String> classes = new ArrayList<>();
    try (JarFile jar = new JarFile(unpacked.resolve(JAR).toFile())) {
      Enumeration<java.util.jar.JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.startsWith("com/storewire/") && name.endsWith(".class")) {
          classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    assertThat(classes).isNotEmpty();
    return classes;
  }

  /**
   * The entry points terraform deploys: the deployment description's functions (canonical-events'
   * DeployTerraformTest checks terraform deploys exactly those).
   */
  private static List<String> entryPoints() {
    return com.storewire.deployment.Deployment.storewire()
        .deployables(com.storewire.deployment.Deployable.Kind.FUNCTION)
        .stream()
        .map(com.storewire.deployment.Deployable::entryPoint)
        .toList();
  }
}
