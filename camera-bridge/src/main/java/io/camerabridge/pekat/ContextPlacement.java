package io.camerabridge.pekat;

/**
 * Where PEKAT puts the context when the body is a PNG. Header mode breaks for contexts over about 4
 * KB, which is why PEKAT's own Python SDK switched to body mode.
 */
public enum ContextPlacement {
  /** Header {@code ContextBase64utf}: Base64 of the UTF-8 JSON. */
  HEADER,
  /**
   * Query flag {@code context_in_body}: PNG bytes then JSON; header {@code ImageLen} = PNG length.
   */
  BODY
}
