package dev.arcred.model;

import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of reading one link: found, missing (the owning API said NOT_FOUND), failed (could not be read:
 * a CHECK_ERROR), or skipped (an earlier link ended the chain, so it was not read).
 */
public sealed interface Lookup<T> {
  record Found<T>(T get) implements Lookup<T> {}

  record Missing<T>(String detail) implements Lookup<T> {}

  /** @param call the API method, such as "SecretManagerService.GetSecret"; @param reason the status and message */
  record Failed<T>(String call, String reason) implements Lookup<T> {}

  record Skipped<T>() implements Lookup<T> {}

  static <T> Lookup<T> found(T value) {
    return new Found<>(value);
  }

  static <T> Lookup<T> missing(String detail) {
    return new Missing<>(detail);
  }

  static <T> Lookup<T> failed(String call, String reason) {
    return new Failed<>(call, reason);
  }

  static <T> Lookup<T> skipped() {
    return new Skipped<>();
  }

  default Optional<T> value() {
    return this instanceof Found<T> f ? Optional.of(f.get()) : Optional.empty();
  }

  default boolean isMissing() {
    return this instanceof Missing<T>;
  }

  default <R> Lookup<R> map(Function<T, R> fn) {
    if (this instanceof Found<T> f) {
      return new Found<>(fn.apply(f.get()));
    }
    if (this instanceof Missing<T> m) {
      return new Missing<>(m.detail());
    }
    if (this instanceof Failed<T> x) {
      return new Failed<>(x.call(), x.reason());
    }
    return new Skipped<>();
  }
}
