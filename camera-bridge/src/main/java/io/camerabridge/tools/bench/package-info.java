/**
 * {@code camera-bridge bench}: reproducible throughput, latency, CPU and heap-allocation figures
 * for the zero-copy client and the whole pipeline, always measured next to baselines run in the
 * same process so that the ratios survive a noisy shared machine.
 */
package io.camerabridge.tools.bench;
