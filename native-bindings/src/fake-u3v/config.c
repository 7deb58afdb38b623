/*
 * Environment variables of fake-u3v (all optional; docs/native-bindings.md lists them):
 *   FAKE_U3V_DEVICES               number of cameras (1..8, default 1)
 *   FAKE_U3V_SERIALS               comma-separated serial numbers (default U3V-0001, U3V-0002...)
 *   FAKE_U3V_VENDOR / _MODEL       manufacturer and model strings (camera-bridge / fake-u3v)
 *   FAKE_U3V_FPS                   initial AcquisitionFrameRate (default 30)
 *   FAKE_U3V_SENSOR                sensor size WIDTHxHEIGHT (default 1920x1200)
 *   FAKE_U3V_UNPLUG_AFTER_FRAMES   the device leaves the bus after sending N frames (once)
 *   FAKE_U3V_REPLUG_AFTER_MS       ... and comes back, power-cycled, M ms later
 *   FAKE_U3V_UNPLUG_REPEAT         1: ... and leaves again after N more frames, every time
 *   FAKE_U3V_STALL_AFTER_FRAMES    the stream pauses after N frames (once) ...
 *   FAKE_U3V_STALL_MS              ... for M ms (default 2000)
 *   FAKE_U3V_SHORT_PAYLOAD_EVERY   every Nth frame's payload comes up short
 *   FAKE_U3V_PENDING_ACK_MS        command writes answer PENDING_ACK, then the ack M ms later
 *   FAKE_U3V_FAULT_SERIALS         the faults above apply only to these devices (default: all)
 *   FAKE_U3V_DEBUG                 1: log to stderr
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_u3v.h"

static long number(const char *name, long fallback) {
  const char *v = getenv(name);
  if (v == NULL || *v == 0) {
    return fallback;
  }
  char *end;
  long n = strtol(v, &end, 10);
  if (*end != 0) {
    fprintf(stderr, "fake-u3v: ignoring %s=%s (not a whole number)\n", name, v);
    return fallback;
  }
  return n;
}

static void text(char *out, size_t size, const char *name, const char *fallback) {
  const char *v = getenv(name);
  snprintf(out, size, "%s", v != NULL && *v != 0 ? v : fallback);
}

void u3v_config_load(struct u3v_config *cfg) {
  memset(cfg, 0, sizeof(*cfg));
  cfg->debug = (int)number("FAKE_U3V_DEBUG", 0);
  cfg->camera_count = (int)number("FAKE_U3V_DEVICES", 1);
  if (cfg->camera_count < 0) {
    cfg->camera_count = 0;
  }
  if (cfg->camera_count > U3V_MAX_CAMERAS) {
    cfg->camera_count = U3V_MAX_CAMERAS;
  }
  text(cfg->vendor, sizeof(cfg->vendor), "FAKE_U3V_VENDOR", "camera-bridge");
  text(cfg->model, sizeof(cfg->model), "FAKE_U3V_MODEL", "fake-u3v");

  char serials[U3V_MAX_CAMERAS * 64];
  text(serials, sizeof(serials), "FAKE_U3V_SERIALS", "");
  char *save = NULL;
  char *token = strtok_r(serials, ",", &save);
  for (int i = 0; i < cfg->camera_count; i++) {
    if (token != NULL) {
      snprintf(cfg->serials[i], sizeof(cfg->serials[i]), "%s", token);
      token = strtok_r(NULL, ",", &save);
    } else {
      snprintf(cfg->serials[i], sizeof(cfg->serials[i]), "U3V-%04d", i + 1);
    }
  }

  const char *fps = getenv("FAKE_U3V_FPS");
  cfg->frame_rate = fps != NULL && *fps != 0 ? atof(fps) : 30.0;
  if (cfg->frame_rate < 1 || cfg->frame_rate > 200) {
    cfg->frame_rate = 30.0;
  }
  cfg->sensor_width = 1920;
  cfg->sensor_height = 1200;
  const char *sensor = getenv("FAKE_U3V_SENSOR");
  int w, h;
  if (sensor != NULL && sscanf(sensor, "%dx%d", &w, &h) == 2 && w >= 16 && h >= 16 &&
      w <= 8192 && h <= 8192) {
    cfg->sensor_width = w - w % 8;
    cfg->sensor_height = h - h % 2;
  }
  cfg->unplug_after_frames = number("FAKE_U3V_UNPLUG_AFTER_FRAMES", -1);
  cfg->replug_after_ms = number("FAKE_U3V_REPLUG_AFTER_MS", -1);
  cfg->unplug_repeat = number("FAKE_U3V_UNPLUG_REPEAT", 0) == 1;
  cfg->stall_after_frames = number("FAKE_U3V_STALL_AFTER_FRAMES", -1);
  cfg->stall_ms = number("FAKE_U3V_STALL_MS", 2000);
  cfg->short_payload_every = number("FAKE_U3V_SHORT_PAYLOAD_EVERY", 0);
  cfg->pending_ack_ms = (int)number("FAKE_U3V_PENDING_ACK_MS", 0);
  const char *faulty = getenv("FAKE_U3V_FAULT_SERIALS");
  if (faulty != NULL && *faulty != 0) {
    snprintf(cfg->fault_serials, sizeof(cfg->fault_serials), ",%s,", faulty);
  }
}

int u3v_faulty(const char *serial) {
  if (u3v_cfg.fault_serials[0] == 0) {
    return 1;
  }
  char needle[70];
  snprintf(needle, sizeof(needle), ",%s,", serial);
  return strstr(u3v_cfg.fault_serials, needle) != NULL;
}
