package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NormalizerTest {
  private static final RuleSet RULES = RuleSet.loadDefault();
  private static final Normalizer NORMALIZER = new Normalizer(RULES);
  private static final Fingerprinter FINGERPRINTER = new Fingerprinter(RULES);

  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of(
            "Auth unreachable after 0.51s - preventing WebSocket timeout",
            "Auth unreachable after <DURATION> - preventing WebSocket timeout"),
        Arguments.of("request took 250ms", "request took <DURATION>"),
        Arguments.of("request took 250 ms", "request took <DURATION>"),
        Arguments.of("estimated size 1.2 KB, free 3 B", "estimated size <SIZE>, free <SIZE>"),
        Arguments.of("upload of 12MB done", "upload of <SIZE> done"),
        Arguments.of(
            "169.254.169.126:49090 - \"GET /health/ready HTTP/1.1\" 200",
            "<IP> - \"GET /health/ready HTTP/<NUM>\" 2xx"),
        // Request lines keep method, route skeleton and status (exact from 400 on).
        Arguments.of(
            "10.8.0.12 - - [11/Sep/2025:10:02:03 +0000] \"POST /api/v1/carts/8812/items?"
                + "sku=A-1 HTTP/2.0\" 502 157 \"-\" \"okhttp/4.12.0\" rt=0.031",
            "<IP> - - [<ID> <NUM>] \"POST /api/v1/carts/<NUM>/items HTTP/<NUM>\" 502 <NUM> \"-\""
                + " \"okhttp/<ID>\" rt=<NUM>"),
        Arguments.of(
            "GET /orders/7f9c2ba4-e88f-11ee-a1b2-0242ac120002 404", "GET /orders/<UUID> 404"),
        Arguments.of(
            "DELETE /v2/sessions/4e5d8c3b9a 204 3.1 ms",
            "DELETE /v2/sessions/<HEX> 2xx <DURATION>"),
        Arguments.of("GET /static/main.9f3c2a1b.js 304", "GET /static/main.<ID> 3xx"),
        Arguments.of(
            "GET /repos/JohnSmithLongMixedCaseName/settings 200", "GET /repos/<ID>/settings 2xx"),
        Arguments.of(
            "\"GET https://shop.example.com/checkout?step=2 HTTP/1.1\" from 10.0.0.9:51234 - 500 12B"
                + " in 3.2ms",
            "\"GET /checkout HTTP/<NUM>\" from <IP> - 500 <SIZE> in <DURATION>"),
        Arguments.of("GET request for user 200 times", "GET request for user <NUM> times"),
        // Host, IP and port forms are one placeholder each.
        Arguments.of("dial tcp 10.20.0.5:5432: connect refused", "dial tcp <IP>: connect refused"),
        Arguments.of(
            "dial tcp postgres.prod.internal:5432: connect refused",
            "dial tcp <HOST>: connect refused"),
        Arguments.of("dial tcp mirror.example.ac.jp:443 ok", "dial tcp <HOST> ok"),
        Arguments.of("resolve mirror.example.ac.jp failed", "resolve <HOST> failed"),
        Arguments.of("panic at server.go:118 in handler", "panic at server.go:<NUM> in handler"),
        Arguments.of("sent 12,480 bytes", "sent <SIZE>"),
        Arguments.of("lifetime <1 sec", "lifetime <DURATION>"),
        Arguments.of("peer [2001:db8::1]:443 reset", "peer [<IP>]:<NUM> reset"),
        Arguments.of("peer fe80::1%eth0 down", "peer <IP> down"),
        Arguments.of("job 3f2b4c1e-1111-2222-3333-444455556666 started", "job <UUID> started"),
        Arguments.of("object at 0x7fff5fbff8a8 freed", "object at <HEX> freed"),
        Arguments.of("commit 9f4ef63a pushed", "commit <HEX> pushed"),
        Arguments.of(
            "digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ok",
            "digest <HASH> ok"),
        Arguments.of("at 2024-05-05T10:31:19.456Z started", "at <TS> started"),
        Arguments.of("on 17/06/09 20:10:40 ran", "on <TS> ran"),
        Arguments.of("connection at Fri Jul 1 10:20:30 2005 closed", "connection at <TS> closed"),
        Arguments.of("It May fail 3 times", "It May fail <NUM> times"),
        Arguments.of("GET /v2/servers/detail?changes-since=2017 ok", "GET /v2/servers/detail ok"),
        Arguments.of("fetch https://api.example.com/v1/items?id=7 failed", "fetch <URL> failed"),
        Arguments.of("cannot open /var/log/app-3.log", "cannot open <PATH>"),
        Arguments.of("cannot open C:\\Windows\\win32.dll", "cannot open <PATH>"),
        Arguments.of("mail for jane@example.com bounced", "mail for <EMAIL> bounced"),
        Arguments.of("resolve db.internal failed", "resolve <HOST> failed"),
        Arguments.of("class java.io.IOException kept", "class java.io.IOException kept"),
        Arguments.of("uid=0 euid=0 user=root", "uid=<NUM> euid=<NUM> user=root"),
        Arguments.of("request_id=AbCdEf served", "request_id=<ID> served"),
        Arguments.of(
            "revision netra-backend-staging-00042-abc ready",
            "revision netra-backend-staging-<ID> ready"),
        Arguments.of("pod api-7d9f8b6c5-x2x7z restarted", "pod api-<ID> restarted"),
        Arguments.of("block blk_-6952295868487656571 and blk_123", "block blk_<NUM> and blk_<NUM>"),
        Arguments.of("node-246 is down", "node-<NUM> is down"),
        Arguments.of("keyId: -127633188", "keyId: <NUM>"),
        Arguments.of("  many   spaces\there  ", "many spaces here"),
        Arguments.of("token=abc123 leaked", "token=<SECRET> leaked"));
  }

  @ParameterizedTest
  @MethodSource("templates")
  void replacesVariablePartsWithTypedPlaceholders(String message, String template) {
    assertThat(NORMALIZER.template(FINGERPRINTER.redact(message))).isEqualTo(template);
  }

  static Stream<Arguments> sameKind() {
    return Stream.of(
        Arguments.of(
            "Auth unreachable after 0.51s - preventing WebSocket timeout",
            "Auth unreachable after 0.49s - preventing WebSocket timeout"),
        Arguments.of(
            "[MAIN MODE] Authentication failed: auth_service_unreachable | Debug: 473 chars, 2 dots",
            "[MAIN MODE] Authentication failed: auth_service_unreachable | Debug: 512 chars, 3 dots"),
        Arguments.of(
            "SSOT WEBSOCKET AUTH failed - auth_service_unreachable | Debug: 473 chars, 2 dots",
            "SSOT WEBSOCKET AUTH failed - auth_service_unreachable | Debug: 512 chars, 3 dots"),
        Arguments.of(
            "169.254.169.126:49090 - \"GET /health/ready HTTP/1.1\" 200",
            "169.254.169.1:50122 - \"GET /health/ready HTTP/1.1\" 200"),
        Arguments.of(
            "🔴 RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services'"
                + " within 1.2s - this would cause WebSocket 1011 errors",
            "🔴 RACE CONDITION DETECTED: Startup phase 'no_app_state' did not reach 'services'"
                + " within 2.4s - this would cause WebSocket 1011 errors"),
        Arguments.of("login password=hunter2", "login password=correcthorse"));
  }

  @ParameterizedTest
  @MethodSource("sameKind")
  void messagesOfOneKindShareAFingerprint(String a, String b) {
    assertThat(FINGERPRINTER.fingerprintMessage(a).id())
        .isEqualTo(FINGERPRINTER.fingerprintMessage(b).id());
  }

  static Stream<Arguments> differentKinds() {
    return Stream.of(
        Arguments.of(
            "Auth unreachable after 0.51s - preventing WebSocket timeout",
            "Auth connectivity check timed out after 0.5s"),
        Arguments.of(
            "169.254.169.126:49090 - \"GET /health/ready HTTP/1.1\" 200",
            "169.254.169.126:49090 - \"GET /health/live HTTP/1.1\" 200"),
        Arguments.of(
            "Redis skipped in staging environment (optional service - infrastructure may not be"
                + " available)",
            "ClickHouse skipped in staging environment (optional service - infrastructure may not"
                + " be available)"),
        Arguments.of("Connection opened", "Connection closed"));
  }

  @ParameterizedTest
  @MethodSource("differentKinds")
  void messagesOfDifferentKindsGetDifferentFingerprints(String a, String b) {
    assertThat(FINGERPRINTER.fingerprintMessage(a).id())
        .isNotEqualTo(FINGERPRINTER.fingerprintMessage(b).id());
  }
}
