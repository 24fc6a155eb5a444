package dev.loggardener.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading the GitHub token from a local server speaking Secret Manager's REST shape. */
class SecretManagerTokenTest {
  private static final String VERSION = "projects/acme-logs/secrets/github-token/versions/latest";
  private static final String PATH = "/v1/" + VERSION + ":access";
  private static final String VALUE = "ghp_SecretValueThatMustNotAppear";

  private WireMockServer server;
  private final GoogleCredentials credentials =
      GoogleCredentials.create(new AccessToken("ya29.worker", new Date(Long.MAX_VALUE)));

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort().jettyAcceptors(1));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private URI api() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Test
  void readsTheSecretWithTheWorkersCredentials() throws Exception {
    String data =
        Base64.getEncoder().encodeToString((VALUE + "\n").getBytes(StandardCharsets.UTF_8));
    server.stubFor(
        get(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer ya29.worker"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"name\":\"" + VERSION + "\",\"payload\":{\"data\":\"" + data + "\"}}")));

    assertThat(SecretManagerToken.access(api(), VERSION, credentials)).isEqualTo(VALUE);
  }

  @Test
  void namesTheSecretAndTheMissingRoleWhenRefused() {
    server.stubFor(
        get(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(403).withBody("{\"error\":{\"code\":403}}")));

    assertThatThrownBy(() -> SecretManagerToken.access(api(), VERSION, credentials))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("roles/secretmanager.secretAccessor");
  }

  @Test
  void refusesAnAnswerWithoutPayloadAndNeverEchoesTheBody() {
    server.stubFor(
        get(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(200).withBody("{\"x\":\"" + VALUE + "\"}")));

    assertThatThrownBy(() -> SecretManagerToken.access(api(), VERSION, credentials))
        .isInstanceOf(IOException.class)
        .hasMessage("Secret Manager answered " + VERSION + " without payload.data")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void refusesAMalformedSecretNameBeforeAnyRequest() {
    assertThatThrownBy(() -> SecretManagerToken.access(api(), "github-token", credentials))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
