package dev.loggardener.jobs;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Reads a token from Secret Manager ({@code versions:access}) with the worker's credentials, over
 * the REST API so that no client library is added to the job. The value is returned to the caller
 * only: never logged, and absent from every exception message.
 */
public final class SecretManagerToken {
  /** The Secret Manager API. */
  public static final URI API = URI.create("https://secretmanager.googleapis.com");

  private static final Pattern VERSION =
      Pattern.compile(
          "projects/[a-z0-9-]{1,63}/secrets/[A-Za-z0-9_-]{1,255}/versions/(\\d+|latest)");

  private SecretManagerToken() {}

  /**
   * Whether {@code name} is a secret version name such as {@code
   * projects/P/secrets/S/versions/latest}.
   */
  public static boolean isVersionName(String name) {
    return name != null && VERSION.matcher(name).matches();
  }

  /** The secret's value with application default credentials. */
  public static String access(String versionName) throws IOException {
    return access(
        API,
        versionName,
        GoogleCredentials.getApplicationDefault()
            .createScoped("https://www.googleapis.com/auth/cloud-platform"));
  }

  /**
   * The secret's value, read from {@code api} with {@code credentials}.
   *
   * @throws IOException with the status and the secret's name (never its value) when refused
   */
  public static String access(URI api, String versionName, GoogleCredentials credentials)
      throws IOException {
    if (!isVersionName(versionName)) {
      throw new IllegalArgumentException(
          "the token secret must be projects/PROJECT/secrets/NAME/versions/VERSION, got '"
              + versionName
              + "'");
    }
    credentials.refreshIfExpired();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api + "/v1/" + versionName + ":access"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + credentials.getAccessToken().getTokenValue())
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newHttpClient()
              .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + versionName, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "Secret Manager refused "
              + versionName
              + " with HTTP "
              + response.statusCode()
              + " (does the worklog service account have roles/secretmanager.secretAccessor?)");
    }
    String value = payload(response.body());
    if (value == null) {
      throw new IOException("Secret Manager answered " + versionName + " without payload.data");
    }
    if (value.isEmpty()) {
      throw new IOException(versionName + " is empty");
    }
    return value;
  }

  /** The decoded {@code payload.data}, stripped, or null when the answer has none. */
  private static String payload(String body) {
    try {
      JsonElement root = JsonParser.parseString(body);
      if (!root.isJsonObject() || !root.getAsJsonObject().has("payload")) {
        return null;
      }
      JsonElement payload = root.getAsJsonObject().get("payload");
      if (!payload.isJsonObject() || !payload.getAsJsonObject().has("data")) {
        return null;
      }
      String data = payload.getAsJsonObject().get("data").getAsString();
      return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8).strip();
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
      return null;
    }
  }
}
