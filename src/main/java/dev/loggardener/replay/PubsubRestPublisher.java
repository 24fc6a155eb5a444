package dev.loggardener.replay;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Publishes to a Pub/Sub topic through the REST API ({@code POST v1/{topic}:publish}), as used
 * against the local Pub/Sub emulator.
 */
public final class PubsubRestPublisher implements Publisher {
  /** The shape of a full topic name. */
  public static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/[^/]+");

  private static final int BODY_IN_ERROR = 300;

  private final HttpClient client;
  private final URI publishUri;

  /**
   * A publisher for one topic.
   *
   * @param rootUrl the service root, e.g. {@code http://127.0.0.1:8085}
   * @param topic the full topic name, {@code projects/P/topics/T}
   */
  public PubsubRestPublisher(String rootUrl, String topic) {
    if (!TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException("topic must look like projects/P/topics/T: " + topic);
    }
    String root = rootUrl.endsWith("/") ? rootUrl.substring(0, rootUrl.length() - 1) : rootUrl;
    this.publishUri = URI.create(root + "/v1/" + topic + ":publish");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public void publish(List<PubsubMessage> batch) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(publishUri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(batch).toString()))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "publishing to "
              + publishUri
              + " failed with HTTP "
              + response.statusCode()
              + ": "
              + abbreviate(response.body()));
    }
    int accepted = acceptedCount(response.body());
    if (accepted != batch.size()) {
      throw new IOException(
          "the topic accepted " + accepted + " of " + batch.size() + " messages: " + publishUri);
    }
  }

  /** The JSON body of a publish request. */
  static JsonObject body(List<PubsubMessage> batch) {
    JsonArray messages = new JsonArray();
    Base64.Encoder base64 = Base64.getEncoder();
    for (PubsubMessage message : batch) {
      JsonObject json = new JsonObject();
      json.addProperty("data", base64.encodeToString(message.data()));
      if (!message.attributes().isEmpty()) {
        JsonObject attributes = new JsonObject();
        for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
          attributes.addProperty(attribute.getKey(), attribute.getValue());
        }
        json.add("attributes", attributes);
      }
      messages.add(json);
    }
    JsonObject body = new JsonObject();
    body.add("messages", messages);
    return body;
  }

  private static int acceptedCount(String body) throws IOException {
    try {
      JsonObject json = JsonParser.parseString(body).getAsJsonObject();
      return json.has("messageIds") ? json.getAsJsonArray("messageIds").size() : 0;
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException("unreadable publish response: " + abbreviate(body), e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= BODY_IN_ERROR ? text : text.substring(0, BODY_IN_ERROR) + "...";
  }
}
