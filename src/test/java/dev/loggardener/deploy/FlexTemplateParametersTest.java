package dev.loggardener.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.loggardener.jobs.StreamOptions;
import dev.loggardener.jobs.WorklogReportOptions;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Flex Template's metadata.json lists exactly the options its job's Options interface
 * declares, with the same required-ness, both ways (see {@link TemplateParameters} for which
 * options a template exposes and why Beam's own are left out).
 */
class FlexTemplateParametersTest {

  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of(
            FlexTemplateMetadataTest.TEMPLATES.resolve("log-stream/metadata.json"),
            StreamOptions.class),
        Arguments.of(
            FlexTemplateMetadataTest.TEMPLATES.resolve("worklog/metadata.json"),
            WorklogReportOptions.class));
  }

  @ParameterizedTest
  @MethodSource("templates")
  void listsExactlyTheOptionsTheJobDeclaresWithTheSameRequiredness(
      Path metadata, Class<? extends PipelineOptions> options) throws IOException {
    Map<String, Boolean> declared = TemplateParameters.declaredBy(options);
    assertThat(declared).as("options declared by %s", options.getSimpleName()).isNotEmpty();
    assertThat(TemplateParameters.listedIn(FlexTemplateMetadataTest.read(metadata)))
        .as("%s parameters (name -> required) vs %s", metadata, options.getSimpleName())
        .isEqualTo(declared);
  }

  @ParameterizedTest
  @MethodSource("templates")
  void acceptsEveryOptionDefaultWithItsRegexes(
      Path metadata, Class<? extends PipelineOptions> options) throws IOException {
    for (JsonElement element :
        FlexTemplateMetadataTest.read(metadata).getAsJsonArray("parameters")) {
      JsonObject parameter = element.getAsJsonObject();
      String name = parameter.get("name").getAsString();
      String defaultValue = defaultOf(options, name);
      if (defaultValue == null || !parameter.has("regexes")) {
        continue;
      }
      for (JsonElement regex : parameter.getAsJsonArray("regexes")) {
        assertThat(defaultValue)
            .as("default of %s vs its regex", name)
            .matches(regex.getAsString());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("templates")
  void describesEveryOptionItExposes(Path metadata, Class<? extends PipelineOptions> options) {
    for (String name : TemplateParameters.declaredBy(options).keySet()) {
      Method getter = getter(options, name);
      assertThat(getter.getAnnotation(Description.class))
          .as("@Description on %s.%s", options.getSimpleName(), getter.getName())
          .isNotNull();
    }
  }

  private static String defaultOf(Class<?> options, String name) {
    Method getter = getter(options, name);
    if (getter.isAnnotationPresent(Default.Integer.class)) {
      return String.valueOf(getter.getAnnotation(Default.Integer.class).value());
    }
    if (getter.isAnnotationPresent(Default.Long.class)) {
      return String.valueOf(getter.getAnnotation(Default.Long.class).value());
    }
    if (getter.isAnnotationPresent(Default.String.class)) {
      return getter.getAnnotation(Default.String.class).value();
    }
    if (getter.isAnnotationPresent(Default.Boolean.class)) {
      return String.valueOf(getter.getAnnotation(Default.Boolean.class).value());
    }
    if (getter.isAnnotationPresent(Default.Enum.class)) {
      return getter.getAnnotation(Default.Enum.class).value();
    }
    return null;
  }

  private static Method getter(Class<?> options, String name) {
    String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String prefix : new String[] {"get", "is"}) {
      try {
        return options.getMethod(prefix + suffix);
      } catch (NoSuchMethodException e) {
        continue;
      }
    }
    throw new AssertionError("no getter for option " + name + " on " + options.getName());
  }
}
