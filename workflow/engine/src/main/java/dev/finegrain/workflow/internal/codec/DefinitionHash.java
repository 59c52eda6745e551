package dev.finegrain.workflow.internal.codec;

import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.internal.CanonicalJson;
import dev.finegrain.workflow.store.Hash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The content hash of a workflow definition, which a case records when submitted: SHA-256 over
 * the tag {@code fg-workflow/1} and the UTF-8 bytes of the definition's canonical JSON ({@link
 * CanonicalJson}: its JSON with every object's keys sorted, no spaces), a lone surrogate written as
 * its {@code \}{@code uXXXX} escape so that every definition has its own bytes. It depends only on
 * the content, never on the order properties were given in or on a JVM's {@code hashCode}. Specified
 * in {@code docs/formats/fg-chain-3.md}, with a known-answer test.
 */
public final class DefinitionHash {
  private static final byte[] TAG = "fg-workflow/1".getBytes(StandardCharsets.US_ASCII);

  private DefinitionHash() {}

  /** The content hash of {@code workflow}. */
  public static Hash of(ReviewWorkflow workflow) {
    return ofCanonicalText(CanonicalJson.of(workflow));
  }

  /** The hash of a definition whose canonical JSON is {@code text}. */
  static Hash ofCanonicalText(String text) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    digest.update(TAG);
    digest.update(escapeLoneSurrogates(text).getBytes(StandardCharsets.UTF_8));
    return Hash.fromBytes(digest.digest());
  }

  private static String escapeLoneSurrogates(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
