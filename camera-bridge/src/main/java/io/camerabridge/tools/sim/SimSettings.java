package io.camerabridge.tools.sim;

import io.camerabridge.pekat.ApiKey;

/** The simulator's fixed settings (what cannot change while it runs). */
record SimSettings(
    String host,
    int port,
    ApiKey apiKey,
    String stopKey,
    int lanes,
    String pekatVersion,
    int threshold,
    int maxBodyBytes,
    int recentRequests) {}
