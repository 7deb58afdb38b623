package io.camerabridge.results;

/** What PEKAT said about a frame; {@link #NONE} when there was no analysis result. */
public enum Verdict {
  /** The context's {@code result} was {@code true}. */
  OK,
  /** The context's {@code result} was {@code false}: the part is defective. */
  NG,
  /** No verdict: the request failed, was dropped, or PEKAT's processing was off. */
  NONE
}
