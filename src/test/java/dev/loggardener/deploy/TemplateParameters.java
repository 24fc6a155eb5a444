package dev.loggardener.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.options.Validation;

/**
 * The parameters a job's Flex Template exposes, read two ways: from its metadata.json and from its
 * Options interface.
 *
 * <p>A template exposes exactly the options our own interfaces declare (those in {@code
 * dev.loggardener}, including our super-interfaces). Options inherited from Beam and Dataflow
 * interfaces (runner, project, region, tempLocation, streaming, enableStreamingEngine, service
 * account, pubsubRootUrl, ...) are not template parameters: the Flex Template launch environment
 * and Terraform set them, so they are left out of both sides.
 */
final class TemplateParameters {
  private static final String OUR_PACKAGE = "dev.loggardener.";

  private TemplateParameters() {}

  /** Option name → required, for every getter declared by our interfaces in the hierarchy. */
  static Map<String, Boolean> declaredBy(Class<?> options) {
    Map<String, Boolean> parameters = new TreeMap<>();
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    pending.push(options);
    while (!pending.isEmpty()) {
      Class<?> type = pending.pop();
      if (!seen.add(type) || !type.getName().startsWith(OUR_PACKAGE)) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        propertyName(method)
            .ifPresent(
                name ->
                    parameters.put(name, method.isAnnotationPresent(Validation.Required.class)));
      }
      for (Class<?> parent : type.getInterfaces()) {
        pending.push(parent);
      }
    }
    return parameters;
  }

  /** Parameter name → required, from a metadata.json ({@code isOptional} absent means required). */
  static Map<String, Boolean> listedIn(JsonObject metadata) {
    Map<String, Boolean> parameters = new TreeMap<>();
    for (JsonElement element : metadata.getAsJsonArray("parameters")) {
      JsonObject parameter = element.getAsJsonObject();
      boolean optional = parameter.has("isOptional") && parameter.get("isOptional").getAsBoolean();
      parameters.put(parameter.get("name").getAsString(), !optional);
    }
    return parameters;
  }

  private static Optional<String> propertyName(Method method) {
    if (method.isSynthetic()
        || method.isDefault()
        || Modifier.isStatic(method.getModifiers())
        || method.getParameterCount() != 0) {
      return Optional.empty();
    }
    String name = method.getName();
    if (name.startsWith("get") && name.length() > 3) {
      return Optional.of(Introspector.decapitalize(name.substring(3)));
    }
    if (name.startsWith("is")
        && name.length() > 2
        && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
      return Optional.of(Introspector.decapitalize(name.substring(2)));
    }
    return Optional.empty();
  }
}
