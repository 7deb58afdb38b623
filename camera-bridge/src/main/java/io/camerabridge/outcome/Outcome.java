package io.camerabridge.outcome;

/** How one part ended, as the outputs see it. */
public enum Outcome {
  /** The analyzer judged the part good in time. */
  OK,
  /** The analyzer judged the part defective in time. */
  NG,
  /** No verdict before the part's deadline. */
  TIMEOUT,
  /** No verdict at all: the analyzer failed, or the frame was dropped or incomplete. */
  ERROR
}
