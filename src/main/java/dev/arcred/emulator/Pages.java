package dev.arcred.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Pagination as Google does it: opaque tokens that hold the key of the last item served and a fingerprint of the
 * request, so that a token from another request (or another list) is INVALID_ARGUMENT. Paging by key, not offset,
 * serves every item exactly once even when items are added or removed between pages.
 */
final class Pages {
  private static final String PREFIX = "arcred-emulator/1";

  private Pages() {}

  record Page<T>(List<T> items, String nextPageToken) {}

  /**
   * The page size to use.
   *
   * @param reject true: a size above {@code max} is INVALID_ARGUMENT; false: it is capped
   */
  static int size(int requested, int defaultSize, int max, boolean reject) {
    if (requested < 0) {
      throw Errors.invalid("page_size must not be negative: " + requested);
    }
    if (requested == 0) {
      return defaultSize;
    }
    if (requested > max) {
      if (reject) {
        throw Errors.invalid("page_size must be between 1 and " + max + ", not " + requested);
      }
      return max;
    }
    return requested;
  }

  /**
   * One page of {@code sorted} (sorted by {@code key} in {@code order}).
   *
   * @param request what identifies the listing (method and every parameter but page size and token)
   */
  static <T> Page<T> page(List<T> sorted, Function<T, String> key, Comparator<String> order, String pageToken,
      String request, int size) {
    String fingerprint = fingerprint(request);
    List<T> items = new ArrayList<>(size);
    int i = 0;
    if (!pageToken.isEmpty()) {
      String after = decode(pageToken, fingerprint);
      while (i < sorted.size() && order.compare(key.apply(sorted.get(i)), after) <= 0) {
        i++;
      }
    }
    while (i < sorted.size() && items.size() < size) {
      items.add(sorted.get(i++));
    }
    String next = i < sorted.size() ? encode(fingerprint, key.apply(items.get(items.size() - 1))) : "";
    return new Page<>(List.copyOf(items), next);
  }

  static <T> Page<T> page(List<T> sorted, Function<T, String> key, String pageToken, String request, int size) {
    return page(sorted, key, Comparator.naturalOrder(), pageToken, request, size);
  }

  private static String encode(String fingerprint, String lastKey) {
    String raw = PREFIX + "|" + fingerprint + "|" + lastKey;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token, String fingerprint) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Errors.invalid("Invalid page token: " + token);
    }
    String[] parts = raw.split("\\|", 3);
    if (parts.length != 3 || !parts[0].equals(PREFIX)) {
      throw Errors.invalid("Invalid page token: " + token);
    }
    if (!parts[1].equals(fingerprint)) {
      throw Errors.invalid("Invalid page token: it belongs to another request (page tokens are valid only with the"
          + " same parameters)");
    }
    return parts[2];
  }

  private static String fingerprint(String request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
