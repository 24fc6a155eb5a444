package dev.loggardener.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ties the stored version to the output it stands for: when the templates or redacted texts of the
 * {@link RepositoryCorpus} change, either the rules file or {@link Normalizer#CODE_VERSION} must
 * change.
 */
class NormalizerVersionTest {
  /**
   * SHA-256 over "template TAB redacted message LF" of every repository corpus message, by stored
   * version. A new version adds its line; a changed digest under an old version means the code
   * changed the output without bumping {@link Normalizer#CODE_VERSION}.
   */
  private static final Map<String, String> CORPUS_DIGESTS =
      Map.ofEntries(
          Map.entry(
              "2026.11.29-1+n1",
              "1d07114ee31c46b49db4f232c1d3ecc477c742e32db8e9230e82a0138165f51c"),
          // n2 parses .NET, Ruby and PHP traces and puts the project in the canonical form: stack
          // signatures and fingerprint ids change, message templates do not.
          Map.entry(
              "2026.11.29-1+n2",
              "1d07114ee31c46b49db4f232c1d3ecc477c742e32db8e9230e82a0138165f51c"),
          // n3 keeps a request line's route and status, and writes host:port forms as one
          // placeholder: message templates change.
          Map.entry(
              "2026.11.29-1+n3",
              "0d2d4dd17d4cca02c4569e40fb03cd185e4ccf5afe0d1a06a8e74653fa95bbd9"),
          // s2026.12.06-1 adds the secrets catalog and its context rules.
          Map.entry(
              "2026.11.29-1+s2026.12.06-1+n3",
              "c2b036921e8892fa3db7bc2f98af876f16c3859bfc0e4dc1d7477ffae40e7f66"),
          // s2026.12.06-2 keeps dotted snake_case code references after a secret-like name.
          Map.entry(
              "2026.11.29-1+s2026.12.06-2+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // 2026.12.06-1 and s2026.12.06-3 read quoted values without recursing (no stack overflow
          // on long ones) and redact a value whose quote is never closed: the corpus has neither.
          Map.entry(
              "2026.12.06-1+s2026.12.06-3+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.06-4 writes the detectors' context as a kept group instead of a lookbehind.
          Map.entry(
              "2026.12.06-1+s2026.12.06-4+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-1 redacts hex credentials after credential words and Telegram tokens in
          // bot URLs: the corpus has neither.
          Map.entry(
              "2026.12.06-1+s2026.12.07-1+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-2 reads hashes as Ruby, Perl and PHP print them, and redacts XML elements,
          // SQL IDENTIFIED BY, -u user:password, .netrc lines, *pw= names, Google OAuth codes and
          // Cloud Storage HMAC access ids: the corpus has none of them.
          Map.entry(
              "2026.12.06-1+s2026.12.07-2+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-3 takes an XML element only up to its own closing tag, and never a
          // placeholder such as <SECRET> for one.
          Map.entry(
              "2026.12.06-1+s2026.12.07-3+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-4 counts app key among the secret-like words and redacts Oracle JDBC
          // passwords and byte lists after secret-like names: the corpus has none of them.
          Map.entry(
              "2026.12.06-1+s2026.12.07-4+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-5 redacts passwords given to redis-cli -a, htpasswd -b and echoed into
          // --password-stdin: the corpus has none of them.
          Map.entry(
              "2026.12.06-1+s2026.12.07-5+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-6 runs the byte-list rule only where a list of numbers follows a colon or
          // an equals sign.
          Map.entry(
              "2026.12.06-1+s2026.12.07-6+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-7 runs the -p and -u flag rules after any whitespace, the pw rule before an
          // escaped quote and on escaped JSON values, and the byte-list rule after a tab.
          Map.entry(
              "2026.12.06-1+s2026.12.07-7+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-8 adds the Digest response, signature headers, credential pairs and
          // passwords in prose, -p with a quoted value, and a prefixed token after a secret word.
          Map.entry(
              "2026.12.06-1+s2026.12.07-8+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-9 adds MySQL's PASSWORD('v') and the password argument of connect calls.
          Map.entry(
              "2026.12.06-1+s2026.12.07-9+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-10 adds Redis passwords: AUTH as MONITOR prints it, requirepass,
          // masterauth.
          Map.entry(
              "2026.12.06-1+s2026.12.07-10+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"),
          // s2026.12.07-11 lets the value rule take a value that opens with a parenthesis again:
          // declining it left password=(v) in clear.
          Map.entry(
              "2026.12.06-1+s2026.12.07-11+n3",
              "38ec1c22533a7b37a2b4d2675c9224b79477876b2e4f04c3ea3696cc7509d010"));

  @Test
  void storedVersionIsTheRulesAndSecretsFileVersionsPlusTheNormalizerCodeVersion() {
    RuleSet rules =
        RuleSet.parse(
            """
            version: '7'
            rules:
              - id: digits
                description: Digits.
                stage: mask
                pattern: '\\d+'
                replace_with: '<N>'
                examples:
                  - input: 'a 12'
                    output: 'a <N>'
            """,
            "test");
    assertThat(rules.version())
        .isEqualTo("7+s" + SecretCatalog.loadDefault().version() + "+" + Normalizer.CODE_VERSION);
    assertThat(new Fingerprinter(rules).fingerprintMessage("a 12").ruleSetVersion())
        .isEqualTo(rules.version());
  }

  @Test
  void corpusOutputIsTheOneRecordedForTheStoredVersion() throws Exception {
    RuleSet rules = RuleSet.loadDefault();
    Fingerprinter fingerprinter = new Fingerprinter(rules);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (String message : RepositoryCorpus.messages()) {
      Fingerprint f = fingerprinter.fingerprintMessage(message);
      String line = f.template() + "\t" + f.redactedMessage() + "\n";
      digest.update(line.getBytes(StandardCharsets.UTF_8));
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    assertThat(CORPUS_DIGESTS)
        .as(
            "digest %s of the repository corpus output under version %s: if the rules file changed, record"
                + " the digest for its new version; if the normalizer code changed the output, bump"
                + " Normalizer.CODE_VERSION and record it",
            actual, rules.version())
        .containsEntry(rules.version(), actual);
  }
}
