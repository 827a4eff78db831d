package dev.arcred.emulator.generate;

import java.util.Random;

/** Independent, reproducible random streams: one per purpose and index, all derived from the spec's seed. */
final class Seeds {
  static final int FOLDERS = 1;
  static final int PROJECTS = 2;
  static final int COUNTS = 3;
  static final int FAULTS = 4;
  static final int PLAN = 5;
  static final int POLICY = 7;
  static final int GROUP = 8;
  static final int FOLDER_POLICY = 9;
  static final int SHARED_CUTS = 10;
  static final int SHARED = 11;
  static final int HOME = 12;
  static final int SECOND = 13;

  private Seeds() {}

  /** SplitMix64 over the three inputs: well spread, and stable across JVMs (java.util.Random is specified). */
  static long mix(long seed, long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + (index + 1) * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static Random random(long seed, int stream, long index) {
    return new Random(mix(seed, stream, index));
  }
}
