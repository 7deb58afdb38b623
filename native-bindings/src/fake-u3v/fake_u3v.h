/*
 * fake-u3v: a user-space USB3 Vision camera behind the libusb-1.0 API.
 *
 * Aravis reaches USB only through libusb-1.0, so a library named libusb-1.0.so.0 that answers those
 * calls (found first through LD_LIBRARY_PATH) can stand in for a camera on a machine without USB.
 * usb_device.c (contexts, device list, descriptors, handles) and usb_transfer.c (transfers,
 * unplug, events) are the libusb surface, camera.c the device behind it (bootstrap registers,
 * GenCP control channel, frame producer), config.c the environment variables. One global lock guards all state: the device is simple and fast, and a
 * single lock keeps the transfer hand-offs between Aravis's threads and ours easy to reason about.
 */
#ifndef FAKE_U3V_H
#define FAKE_U3V_H

#include <libusb.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define U3V_MAX_CAMERAS 8

/* Endpoint numbers (bEndpointAddress without the direction bit). */
#define U3V_EP_CONTROL 1
#define U3V_EP_EVENT 2
#define U3V_EP_STREAM 3

/* Memory map of the device (little-endian, as U3V requires). */
#define U3V_SBRM_BASE 0x1000u
#define U3V_SIRM_BASE 0x2000u
#define U3V_MANIFEST_BASE 0x8000u
#define U3V_FEATURE_BASE 0x10000u
#define U3V_MEM_SIZE 0x20000u
#define U3V_XML_BASE 0x100000u

/* Feature registers, offsets from U3V_FEATURE_BASE; genicam.xml describes them. */
enum {
  REG_WIDTH = 0x00,
  REG_HEIGHT = 0x04,
  REG_OFFSET_X = 0x08,
  REG_OFFSET_Y = 0x0c,
  REG_PIXEL_FORMAT = 0x10,
  REG_PAYLOAD_SIZE = 0x14,
  REG_ACQUISITION_MODE = 0x18,
  REG_ACQUISITION_START = 0x1c,
  REG_ACQUISITION_STOP = 0x20,
  REG_ACQUISITION_ABORT = 0x24,
  REG_FRAME_RATE = 0x28, /* double */
  REG_FRAME_RATE_ENABLE = 0x30,
  REG_TRIGGER_SELECTOR = 0x34,
  REG_TRIGGER_MODE = 0x38,
  REG_TRIGGER_SOURCE = 0x3c,
  REG_TRIGGER_ACTIVATION = 0x40,
  REG_TRIGGER_SOFTWARE = 0x44,
  REG_EXPOSURE_TIME = 0x48, /* double, microseconds */
  REG_GAIN = 0x50,          /* double */
  REG_TEMPERATURE = 0x58,   /* double, read-only */
  REG_THROUGHPUT_LIMIT = 0x60,
  REG_THROUGHPUT_LIMIT_MODE = 0x64,
  REG_SENSOR_WIDTH = 0x68,
  REG_SENSOR_HEIGHT = 0x6c,
  REG_TL_PARAMS_LOCKED = 0x74,
  REG_CHUNK_MODE_ACTIVE = 0x78,
  REG_CHUNK_SELECTOR = 0x7c,
  REG_CHUNK_ENABLE = 0x80, /* + 4 * selector value */
  REG_END = 0x80 + 4 * 5
};

/* ChunkSelector values and the chunk ids genicam.xml's chunk ports name. Image is selectable like
 * on real cameras but has no value feature; its chunk wraps the pixels whatever its switch says. */
enum { CHUNK_TIMESTAMP, CHUNK_EXPOSURE_TIME, CHUNK_GAIN, CHUNK_FRAME_ID, CHUNK_VALUE_COUNT };
#define CHUNK_SELECTOR_IMAGE CHUNK_VALUE_COUNT
#define CHUNK_ID_IMAGE 0xa000u
#define CHUNK_ID_FIRST_VALUE 0xa001u /* + selector value; every value chunk is 8 bytes */

/* Faults and defaults read from the environment once (config.c). */
struct u3v_config {
  int camera_count;
  char serials[U3V_MAX_CAMERAS][64];
  char vendor[64];
  char model[64];
  double frame_rate;
  int sensor_width;
  int sensor_height;
  long unplug_after_frames; /* < 0: never */
  long replug_after_ms;     /* < 0: the device stays gone */
  int unplug_repeat;        /* unplug again after every N frames of each power-on */
  long stall_after_frames;  /* < 0: never */
  long stall_ms;
  long short_payload_every; /* <= 0: never */
  int pending_ack_ms;       /* > 0: commands first answer PENDING_ACK */
  char fault_serials[U3V_MAX_CAMERAS * 64]; /* ",A,B,": faults only for these; empty: all */
  int debug;
};

struct itransfer;

/* One emulated camera; lives for the whole process, across unplug and replug. */
struct u3v_camera {
  int index;
  char serial[64];
  char guid[32];
  unsigned generation; /* bumped on unplug: handles of an older generation are dead */
  int present;
  uint8_t mem[U3V_MEM_SIZE];

  /* Control channel: acknowledges waiting to be read from the control IN endpoint. */
  struct ack *acks_head, *acks_tail;

  /* Stream: host IN transfers on the stream endpoint, oldest first. */
  struct itransfer *stream_head, *stream_tail;
  int acquiring;
  long frames_to_go; /* SingleFrame: frames left; < 0 unlimited */
  long pending_triggers;
  uint64_t block_id;
  long frames_sent;
  long frames_since_power_on;
  int stalled_once;
  int unplugged_once;
  struct timespec next_frame;
  struct timespec replug_at;
  pthread_t producer;
};

/* usb_device.c exports these to camera.c. */
extern pthread_mutex_t u3v_lock;
extern pthread_cond_t u3v_changed; /* broadcast on any device-side change */
extern struct u3v_config u3v_cfg;
extern struct u3v_camera u3v_cameras[U3V_MAX_CAMERAS];

void u3v_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void u3v_config_load(struct u3v_config *cfg);
int u3v_faulty(const char *serial);

/* camera.c */
void u3v_camera_init(struct u3v_camera *cam, int index);
void u3v_camera_start(struct u3v_camera *cam);
int u3v_control_out(struct u3v_camera *cam, const uint8_t *data, int length);
int u3v_control_in(struct u3v_camera *cam, uint8_t *data, int length, int *transferred,
                   unsigned timeout_ms);
const uint8_t *u3v_genicam_xml(size_t *size);

/* usb_transfer.c, called by camera.c with u3v_lock held */
struct itransfer *u3v_stream_take(struct u3v_camera *cam);
void u3v_transfer_done(struct itransfer *t, enum libusb_transfer_status status, int actual);
struct libusb_transfer *u3v_public(struct itransfer *t);
void u3v_unplug(struct u3v_camera *cam);

/* Time helpers (CLOCK_MONOTONIC, which the condition variable uses too). */
struct timespec u3v_now(void);
struct timespec u3v_after_ms(struct timespec t, double ms);
int u3v_before(struct timespec a, struct timespec b);
void u3v_wait_until(struct timespec deadline);

#endif
