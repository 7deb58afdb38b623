package io.camerabridge.tools.sim;

/** How the simulator answered one request. */
public enum Outcome {
  /** 200 with the endpoint's normal answer. */
  OK,
  /** 400: the request was invalid (one-line reason in the body). */
  REJECTED,
  /** 401: an API key is configured and the request's {@code api_key} is missing or wrong. */
  UNAUTHORIZED,
  /** 403: {@code /stop} with a wrong key, or without a stop key configured. */
  FORBIDDEN,
  /** 404: unknown path, or {@code /last_image} before any image. */
  NOT_FOUND,
  /** 405: a method the path does not serve. */
  METHOD_NOT_ALLOWED,
  /** An injected {@link Fault} replaced the answer. */
  FAULT
}
