/*
 * The device behind fake-u3v's USB surface: U3V bootstrap registers (ABRM, SBRM, SIRM, manifest),
 * the GenCP control channel on the control endpoint's bulk pipes, the feature registers that
 * genicam.xml describes, and one producer thread per camera that streams leader, payload and
 * trailer blocks into the host's stream-endpoint transfers at the configured frame rate.
 *
 * Pixel (x, y) of frame block_id is (x + OffsetX + y + OffsetY + block_id) & 0xff in every 8-bit
 * format, so each frame differs from the last and a test can check every byte.
 *
 * With ChunkModeActive the leader says "image extended chunk" (payload type 0x4001) and the payload
 * is a chunk list as Aravis 0.8.26 reads it (arvbuffer.c arv_buffer_get_chunk_data, walking back
 * from the end): the pixels, then [chunk id, length] (32-bit little-endian each, U3V's byte order)
 * wrapping them as the Image chunk, then per enabled chunk 8 bytes of value and its [id, length].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_u3v.h"

#ifndef GENICAM_XML_PATH
#error "GENICAM_XML_PATH must name genicam.xml"
#endif

/* The GenICam description, embedded as it is: the manifest says "raw" (not zipped). */
__asm__(".section .rodata\n"
        ".balign 16\n"
        "u3v_xml_start:\n"
        ".incbin \"" GENICAM_XML_PATH "\"\n"
        "u3v_xml_end:\n"
        ".byte 0\n"
        ".previous\n");
extern const uint8_t u3v_xml_start[] __asm__("u3v_xml_start");
extern const uint8_t u3v_xml_end[] __asm__("u3v_xml_end");

const uint8_t *u3v_genicam_xml(size_t *size) {
  *size = (size_t)(u3v_xml_end - u3v_xml_start);
  return u3v_xml_start;
}

/* GenCP / U3V constants (USB3 Vision 1.0, as Aravis 0.8 uses them). */
#define GENCP_MAGIC 0x43563355u
#define LEADER_MAGIC 0x4c563355u
#define TRAILER_MAGIC 0x54563355u
#define CMD_READ_MEMORY 0x0800
#define CMD_WRITE_MEMORY 0x0802
#define ACK_PENDING 0x0805
#define STATUS_SUCCESS 0x0000
#define STATUS_NOT_IMPLEMENTED 0x8001
#define STATUS_INVALID_PARAMETER 0x8002
#define STATUS_INVALID_ADDRESS 0x8003
#define STATUS_WRITE_PROTECT 0x8004
#define STATUS_ACCESS_DENIED 0x8006
#define HEADER_SIZE 12
#define LEADER_SIZE 52
#define TRAILER_SIZE 32
#define MAX_TRANSFER 1024

#define SIRM_CONTROL 0x04
#define SIRM_REQ_PAYLOAD_SIZE 0x08
#define SIRM_PAYLOAD_SIZE 0x1c
#define SIRM_PAYLOAD_COUNT 0x20

struct ack {
  struct ack *next;
  struct timespec ready_at;
  int length;
  uint8_t data[];
};

static uint8_t ramp[256 + 8192];
static struct timespec process_start;

/* ---- little-endian register helpers -------------------------------------------------------- */

static void put16(uint8_t *p, uint16_t v) {
  p[0] = v & 0xff, p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) {
    p[i] = (v >> (8 * i)) & 0xff;
  }
}

static void put64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    p[i] = (v >> (8 * i)) & 0xff;
  }
}

static uint16_t get16(const uint8_t *p) {
  return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p) {
  return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void putd(uint8_t *p, double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof(bits));
  put64(p, bits);
}

static double getd(const uint8_t *p) {
  uint64_t bits = get64(p);
  double v;
  memcpy(&v, &bits, sizeof(v));
  return v;
}

static uint8_t *feature(struct u3v_camera *cam, unsigned reg) {
  return cam->mem + U3V_FEATURE_BASE + reg;
}

static uint32_t feature32(struct u3v_camera *cam, unsigned reg) {
  return get32(feature(cam, reg));
}

static void put_string(struct u3v_camera *cam, unsigned address, const char *s) {
  snprintf((char *)cam->mem + address, 64, "%s", s);
}

#define CHUNK_TAG_SIZE 8
#define CHUNK_VALUE_SIZE 8

static int chunk_mode(struct u3v_camera *cam) {
  return feature32(cam, REG_CHUNK_MODE_ACTIVE) == 1;
}

static int chunk_enabled(struct u3v_camera *cam, int selector) {
  return feature32(cam, REG_CHUNK_ENABLE + 4 * selector) == 1;
}

/* Bytes after the pixels: the Image chunk's tag and each enabled value chunk with its tag. */
static uint64_t chunk_tail_size(struct u3v_camera *cam) {
  if (!chunk_mode(cam)) {
    return 0;
  }
  uint64_t size = CHUNK_TAG_SIZE;
  for (int i = 0; i < CHUNK_VALUE_COUNT; i++) {
    size += chunk_enabled(cam, i) ? CHUNK_VALUE_SIZE + CHUNK_TAG_SIZE : 0;
  }
  return size;
}

static uint64_t image_size(struct u3v_camera *cam) {
  return (uint64_t)feature32(cam, REG_WIDTH) * feature32(cam, REG_HEIGHT);
}

static uint64_t payload_size(struct u3v_camera *cam) {
  return image_size(cam) + chunk_tail_size(cam);
}

static uint64_t timestamp_ns(void) {
  struct timespec now = u3v_now();
  return (uint64_t)(now.tv_sec - process_start.tv_sec) * 1000000000ULL + now.tv_nsec -
         process_start.tv_nsec;
}

/* ---- power-on state ------------------------------------------------------------------------ */

static void power_on(struct u3v_camera *cam) {
  memset(cam->mem, 0, sizeof(cam->mem));
  uint8_t *m = cam->mem;
  put32(m + 0x0000, 0x00010000); /* GenCP 1.0 */
  put_string(cam, 0x0004, u3v_cfg.vendor);
  put_string(cam, 0x0044, u3v_cfg.model);
  put_string(cam, 0x0084, "fake-u3v");
  put_string(cam, 0x00c4, "1.0");
  put_string(cam, 0x0104, "user-space USB3 Vision test device");
  put_string(cam, 0x0144, cam->serial);
  put64(m + 0x01c4, 0x1);              /* device capability: user-defined name */
  put32(m + 0x01cc, 200);              /* max device response time, ms */
  put64(m + 0x01d0, U3V_MANIFEST_BASE); /* manifest table */
  put64(m + 0x01d8, U3V_SBRM_BASE);
  put32(m + 0x01e8, 3000);       /* heartbeat timeout, ms */
  put32(m + 0x01fc, 1);          /* timestamp increment: 1 ns per tick */
  put32(m + 0x0208, 0xffffffff); /* protocol endianness: little */
  put32(m + 0x020c, 0xffffffff); /* implementation endianness: little */

  uint8_t *sbrm = m + U3V_SBRM_BASE;
  put32(sbrm + 0x00, 0x00010000); /* U3V 1.0 */
  put64(sbrm + 0x04, 0x1);        /* U3VCP capability: SIRM available */
  put32(sbrm + 0x14, MAX_TRANSFER);
  put32(sbrm + 0x18, MAX_TRANSFER);
  put32(sbrm + 0x1c, 1); /* stream channels */
  put64(sbrm + 0x20, U3V_SIRM_BASE);
  put32(sbrm + 0x28, 0x30);
  put32(sbrm + 0x40, 4); /* current speed: SuperSpeed */

  uint8_t *sirm = m + U3V_SIRM_BASE;
  put32(sirm + 0x00, 0); /* info: alignment 2^0 */
  put32(sirm + 0x10, LEADER_SIZE);
  put32(sirm + 0x14, TRAILER_SIZE);

  size_t xml_size;
  u3v_genicam_xml(&xml_size);
  uint8_t *manifest = m + U3V_MANIFEST_BASE;
  put64(manifest, 1); /* one entry */
  put16(manifest + 8, 0);
  manifest[10] = 1, manifest[11] = 1; /* file version 1.1.0 */
  put32(manifest + 12, 0);            /* schema: raw XML, not zipped */
  put64(manifest + 16, U3V_XML_BASE);
  put64(manifest + 24, xml_size);

  put32(feature(cam, REG_WIDTH), u3v_cfg.sensor_width);
  put32(feature(cam, REG_HEIGHT), u3v_cfg.sensor_height);
  put32(feature(cam, REG_PIXEL_FORMAT), 0x01080009); /* BayerRG8 */
  putd(feature(cam, REG_FRAME_RATE), u3v_cfg.frame_rate);
  put32(feature(cam, REG_FRAME_RATE_ENABLE), 1);
  putd(feature(cam, REG_EXPOSURE_TIME), 10000.0);
  put32(feature(cam, REG_THROUGHPUT_LIMIT), 400000000);
  put32(feature(cam, REG_SENSOR_WIDTH), u3v_cfg.sensor_width);
  put32(feature(cam, REG_SENSOR_HEIGHT), u3v_cfg.sensor_height);

  cam->acquiring = 0;
  cam->pending_triggers = 0;
  cam->frames_since_power_on = 0;
  while (cam->acks_head != NULL) {
    struct ack *a = cam->acks_head;
    cam->acks_head = a->next;
    free(a);
  }
  cam->acks_tail = NULL;
}

void u3v_camera_init(struct u3v_camera *cam, int index) {
  if (index == 0) {
    process_start = u3v_now();
    for (size_t i = 0; i < sizeof(ramp); i++) {
      ramp[i] = (uint8_t)i;
    }
  }
  memset(cam, 0, sizeof(*cam));
  cam->index = index;
  snprintf(cam->serial, sizeof(cam->serial), "%s", u3v_cfg.serials[index]);
  /* GUIDs are 12 hex digits on real devices; derive one from the index. */
  snprintf(cam->guid, sizeof(cam->guid), "CB0000%06X", index + 1);
  cam->present = 1;
  cam->block_id = 1;
  power_on(cam);
}

/* ---- register access ------------------------------------------------------------------------ */

static void refresh_live(struct u3v_camera *cam) {
  put64(cam->mem + 0x01f0, timestamp_ns());
  put64(cam->mem + U3V_SIRM_BASE + SIRM_REQ_PAYLOAD_SIZE, payload_size(cam));
  put32(feature(cam, REG_PAYLOAD_SIZE), (uint32_t)payload_size(cam));
  putd(feature(cam, REG_TEMPERATURE), 41.0 + (cam->frames_sent % 40) * 0.05);
}

static int read_memory(struct u3v_camera *cam, uint64_t address, uint32_t size, uint8_t *out) {
  size_t xml_size;
  const uint8_t *xml = u3v_genicam_xml(&xml_size);
  if (address + size <= U3V_MEM_SIZE) {
    refresh_live(cam);
    memcpy(out, cam->mem + address, size);
    return STATUS_SUCCESS;
  }
  if (address >= U3V_XML_BASE && address + size <= U3V_XML_BASE + xml_size) {
    memcpy(out, xml + (address - U3V_XML_BASE), size);
    return STATUS_SUCCESS;
  }
  return STATUS_INVALID_ADDRESS;
}

static int in_range(uint64_t a, uint32_t n, uint64_t start, uint64_t end) {
  return a >= start && a + n <= end;
}

static int writable(uint64_t a, uint32_t n) {
  return in_range(a, n, 0x0184, 0x01c4)                               /* user-defined name */
         || in_range(a, n, 0x01e0, 0x01f0)                            /* configuration, heartbeat */
         || in_range(a, n, 0x01f8, 0x01fc)                            /* timestamp latch */
         || in_range(a, n, 0x0204, 0x0208)                            /* access privilege */
         || in_range(a, n, U3V_SIRM_BASE + 0x04, U3V_SIRM_BASE + 0x08) /* SIRM control */
         || in_range(a, n, U3V_SIRM_BASE + 0x18, U3V_SIRM_BASE + 0x30) /* SIRM transfer sizes */
         || (in_range(a, n, U3V_FEATURE_BASE, U3V_FEATURE_BASE + REG_END) &&
             !in_range(a, n, U3V_FEATURE_BASE + REG_PAYLOAD_SIZE, U3V_FEATURE_BASE + 0x18) &&
             !in_range(a, n, U3V_FEATURE_BASE + REG_TEMPERATURE, U3V_FEATURE_BASE + 0x60) &&
             !in_range(a, n, U3V_FEATURE_BASE + REG_SENSOR_WIDTH, U3V_FEATURE_BASE + 0x70));
}

static int touches(uint64_t a, uint32_t n, unsigned reg) {
  uint64_t r = U3V_FEATURE_BASE + reg;
  return a <= r && r < a + n;
}

static int valid_format(uint32_t f) {
  return f == 0x01080001 || f == 0x01080008 || f == 0x01080009 || f == 0x0108000b;
}

static int valid_chunks(struct u3v_camera *cam) {
  for (int i = 0; i <= CHUNK_SELECTOR_IMAGE; i++) {
    if (feature32(cam, REG_CHUNK_ENABLE + 4 * i) > 1) {
      return 0;
    }
  }
  return feature32(cam, REG_CHUNK_MODE_ACTIVE) <= 1 &&
         feature32(cam, REG_CHUNK_SELECTOR) <= CHUNK_SELECTOR_IMAGE;
}

/* The image registers as a whole must describe a region on the sensor in a known format. */
static int valid_image(struct u3v_camera *cam) {
  uint32_t w = feature32(cam, REG_WIDTH), h = feature32(cam, REG_HEIGHT);
  uint32_t x = feature32(cam, REG_OFFSET_X), y = feature32(cam, REG_OFFSET_Y);
  double fps = getd(feature(cam, REG_FRAME_RATE));
  double exposure = getd(feature(cam, REG_EXPOSURE_TIME));
  return w >= 16 && h >= 16 && w % 8 == 0 && h % 2 == 0 && x % 8 == 0 && y % 2 == 0 &&
         x + w <= (uint32_t)u3v_cfg.sensor_width && y + h <= (uint32_t)u3v_cfg.sensor_height &&
         valid_format(feature32(cam, REG_PIXEL_FORMAT)) && fps >= 1 && fps <= 200 &&
         exposure >= 10 && exposure <= 1e6 && feature32(cam, REG_ACQUISITION_MODE) <= 1 &&
         feature32(cam, REG_TRIGGER_MODE) <= 1 && feature32(cam, REG_TRIGGER_SOURCE) <= 2 &&
         valid_chunks(cam);
}

static void start_acquisition(struct u3v_camera *cam) {
  cam->acquiring = 1;
  cam->frames_to_go = feature32(cam, REG_ACQUISITION_MODE) == 1 ? 1 : -1;
  cam->pending_triggers = 0;
  cam->next_frame = u3v_now();
  put32(feature(cam, REG_TL_PARAMS_LOCKED), 1);
  u3v_log("%s: acquisition started", cam->serial);
}

static void stop_acquisition(struct u3v_camera *cam) {
  cam->acquiring = 0;
  put32(feature(cam, REG_TL_PARAMS_LOCKED), 0);
  u3v_log("%s: acquisition stopped after %ld frames", cam->serial, cam->frames_sent);
}

static int write_memory(struct u3v_camera *cam, uint64_t address, uint32_t size,
                        const uint8_t *in) {
  if (!writable(address, size)) {
    return address + size <= U3V_MEM_SIZE ? STATUS_WRITE_PROTECT : STATUS_INVALID_ADDRESS;
  }
  /* Everything that changes the payload size, like TLParamsLocked on a real camera. */
  static const unsigned locked[] = {REG_WIDTH,        REG_HEIGHT,           REG_OFFSET_X,
                                    REG_OFFSET_Y,     REG_PIXEL_FORMAT,     REG_CHUNK_MODE_ACTIVE,
                                    REG_CHUNK_ENABLE, REG_CHUNK_ENABLE + 4, REG_CHUNK_ENABLE + 8,
                                    REG_CHUNK_ENABLE + 12};
  for (size_t i = 0; i < sizeof(locked) / sizeof(locked[0]); i++) {
    if (cam->acquiring && touches(address, size, locked[i])) {
      return STATUS_ACCESS_DENIED;
    }
  }
  uint8_t saved[REG_END];
  memcpy(saved, feature(cam, 0), REG_END);
  memcpy(cam->mem + address, in, size);
  if (!valid_image(cam)) {
    memcpy(feature(cam, 0), saved, REG_END);
    return STATUS_INVALID_PARAMETER;
  }
  if (touches(address, size, REG_ACQUISITION_START) && feature32(cam, REG_ACQUISITION_START)) {
    start_acquisition(cam);
  }
  if ((touches(address, size, REG_ACQUISITION_STOP) && feature32(cam, REG_ACQUISITION_STOP)) ||
      (touches(address, size, REG_ACQUISITION_ABORT) && feature32(cam, REG_ACQUISITION_ABORT))) {
    stop_acquisition(cam);
  }
  if (touches(address, size, REG_TRIGGER_SOFTWARE) && feature32(cam, REG_TRIGGER_SOFTWARE) &&
      cam->acquiring) {
    cam->pending_triggers++;
  }
  put32(feature(cam, REG_ACQUISITION_START), 0);
  put32(feature(cam, REG_ACQUISITION_STOP), 0);
  put32(feature(cam, REG_ACQUISITION_ABORT), 0);
  put32(feature(cam, REG_TRIGGER_SOFTWARE), 0);
  pthread_cond_broadcast(&u3v_changed);
  return STATUS_SUCCESS;
}

static int is_command(uint64_t address, uint32_t size) {
  return touches(address, size, REG_ACQUISITION_START) ||
         touches(address, size, REG_ACQUISITION_STOP) ||
         touches(address, size, REG_ACQUISITION_ABORT) ||
         touches(address, size, REG_TRIGGER_SOFTWARE);
}

/* ---- GenCP control channel ------------------------------------------------------------------ */

static void queue_ack(struct u3v_camera *cam, struct ack *a) {
  a->next = NULL;
  if (cam->acks_tail != NULL) {
    cam->acks_tail->next = a;
  } else {
    cam->acks_head = a;
  }
  cam->acks_tail = a;
  pthread_cond_broadcast(&u3v_changed);
}

static struct ack *new_ack(uint16_t status, uint16_t command, uint16_t size, uint16_t id) {
  struct ack *a = calloc(1, sizeof(*a) + HEADER_SIZE + size);
  if (a == NULL) {
    return NULL;
  }
  a->length = HEADER_SIZE + size;
  a->ready_at = u3v_now();
  put32(a->data, GENCP_MAGIC);
  put16(a->data + 4, status);
  put16(a->data + 6, command);
  put16(a->data + 8, size);
  put16(a->data + 10, id);
  return a;
}

/* A command arrived on the control OUT pipe (lock held): its acknowledge is queued. */
int u3v_control_out(struct u3v_camera *cam, const uint8_t *data, int length) {
  if (length < HEADER_SIZE || get32(data) != GENCP_MAGIC) {
    u3v_log("%s: dropping a control packet without GenCP prefix", cam->serial);
    return LIBUSB_SUCCESS;
  }
  uint16_t command = get16(data + 6);
  uint16_t size = get16(data + 8);
  uint16_t id = get16(data + 10);
  if (HEADER_SIZE + size > length) {
    return LIBUSB_SUCCESS;
  }
  const uint8_t *body = data + HEADER_SIZE;
  struct ack *a = NULL;
  if (command == CMD_READ_MEMORY && size >= 12) {
    uint64_t address = get64(body);
    uint16_t n = get16(body + 10);
    if (HEADER_SIZE + n > MAX_TRANSFER) {
      a = new_ack(STATUS_INVALID_PARAMETER, command + 1, 0, id);
    } else {
      a = new_ack(STATUS_SUCCESS, command + 1, n, id);
      if (a != NULL) {
        int status = read_memory(cam, address, n, a->data + HEADER_SIZE);
        if (status != STATUS_SUCCESS) {
          free(a);
          a = new_ack(status, command + 1, 0, id);
        }
      }
    }
  } else if (command == CMD_WRITE_MEMORY && size >= 8) {
    uint64_t address = get64(body);
    uint32_t n = size - 8;
    int status = write_memory(cam, address, n, body + 8);
    int pending_ack = u3v_cfg.pending_ack_ms > 0 && u3v_faulty(cam->serial) && is_command(address, n);
    if (pending_ack) {
      struct ack *pending = new_ack(STATUS_SUCCESS, ACK_PENDING, 4, id);
      if (pending != NULL) {
        put16(pending->data + HEADER_SIZE + 2, (uint16_t)(u3v_cfg.pending_ack_ms * 4));
        queue_ack(cam, pending);
      }
    }
    a = new_ack(status, command + 1, 4, id);
    if (a != NULL) {
      put16(a->data + HEADER_SIZE + 2, status == STATUS_SUCCESS ? (uint16_t)n : 0);
      if (pending_ack) {
        a->ready_at = u3v_after_ms(u3v_now(), u3v_cfg.pending_ack_ms);
      }
    }
  } else {
    a = new_ack(STATUS_NOT_IMPLEMENTED, command + 1, 0, id);
  }
  if (a != NULL) {
    queue_ack(cam, a);
  }
  return LIBUSB_SUCCESS;
}

/* The host reads the control IN pipe (lock held): the next ready acknowledge, or a timeout. */
int u3v_control_in(struct u3v_camera *cam, uint8_t *data, int length, int *transferred,
                   unsigned timeout_ms) {
  struct timespec deadline = u3v_after_ms(u3v_now(), timeout_ms == 0 ? 1e12 : timeout_ms);
  unsigned generation = cam->generation;
  for (;;) {
    if (!cam->present || cam->generation != generation) {
      return LIBUSB_ERROR_NO_DEVICE;
    }
    struct timespec now = u3v_now();
    struct ack *a = cam->acks_head;
    if (a != NULL && !u3v_before(now, a->ready_at)) {
      cam->acks_head = a->next;
      if (cam->acks_head == NULL) {
        cam->acks_tail = NULL;
      }
      int n = a->length < length ? a->length : length;
      memcpy(data, a->data, n);
      *transferred = n;
      free(a);
      return LIBUSB_SUCCESS;
    }
    if (!u3v_before(now, deadline)) {
      return LIBUSB_ERROR_TIMEOUT;
    }
    struct timespec until = a != NULL && u3v_before(a->ready_at, deadline) ? a->ready_at : deadline;
    u3v_wait_until(until);
  }
}

/* ---- stream ----------------------------------------------------------------------------------- */

static int stream_enabled(struct u3v_camera *cam) {
  return get32(cam->mem + U3V_SIRM_BASE + SIRM_CONTROL) & 1;
}

struct frame {
  uint64_t block_id;
  uint32_t width, height, offset_x, offset_y, pixel_format;
  uint64_t image_size; /* pixel bytes; the chunk tail follows them */
  uint8_t tail[CHUNK_TAG_SIZE + CHUNK_VALUE_COUNT * (CHUNK_VALUE_SIZE + CHUNK_TAG_SIZE)];
  uint64_t tail_size;
  uint64_t size; /* payload bytes actually sent */
  uint64_t sent;
};

static void put_chunk_tag(struct frame *f, uint32_t id, uint32_t length) {
  put32(f->tail + f->tail_size, id);
  put32(f->tail + f->tail_size + 4, length);
  f->tail_size += CHUNK_TAG_SIZE;
}

/* The values as the frame was taken: its leader's timestamp, the exposure and gain registers. */
static void build_chunk_tail(struct u3v_camera *cam, struct frame *f, uint64_t timestamp) {
  f->tail_size = 0;
  if (!chunk_mode(cam)) {
    return;
  }
  put_chunk_tag(f, CHUNK_ID_IMAGE, (uint32_t)f->image_size);
  for (int i = 0; i < CHUNK_VALUE_COUNT; i++) {
    if (!chunk_enabled(cam, i)) {
      continue;
    }
    uint8_t *value = f->tail + f->tail_size;
    switch (i) {
    case CHUNK_TIMESTAMP:
      put64(value, timestamp);
      break;
    case CHUNK_EXPOSURE_TIME:
      memcpy(value, feature(cam, REG_EXPOSURE_TIME), CHUNK_VALUE_SIZE);
      break;
    case CHUNK_GAIN:
      memcpy(value, feature(cam, REG_GAIN), CHUNK_VALUE_SIZE);
      break;
    case CHUNK_FRAME_ID:
      put64(value, f->block_id);
      break;
    }
    f->tail_size += CHUNK_VALUE_SIZE;
    put_chunk_tag(f, CHUNK_ID_FIRST_VALUE + i, CHUNK_VALUE_SIZE);
  }
}

static void fill_payload(const struct frame *f, uint8_t *dst, uint64_t offset, uint64_t n) {
  if (offset + n > f->image_size) {
    uint64_t from = offset > f->image_size ? offset - f->image_size : 0;
    uint64_t count = offset + n - f->image_size - from;
    memcpy(dst + (n - count), f->tail + from, count);
    n -= count;
  }
  while (n > 0) {
    uint64_t y = offset / f->width, x = offset % f->width;
    uint64_t run = f->width - x < n ? f->width - x : n;
    memcpy(dst, ramp + ((x + f->offset_x + y + f->offset_y + f->block_id) & 0xff), run);
    dst += run, offset += run, n -= run;
  }
}

enum block_kind { BLOCK_LEADER, BLOCK_PAYLOAD, BLOCK_TRAILER };

/*
 * Sends one block (a leader, a payload block, a trailer) into the host's queued IN transfers
 * (lock held). A block longer than a transfer continues in the next one; the end of a block ends
 * the transfer it is in, like the short packet that ends a bulk transfer on the wire. Returns 0,
 * or -1 when the frame must be dropped (device gone, stream disabled, acquisition aborted).
 */
static int send_block(struct u3v_camera *cam, struct frame *f, enum block_kind kind,
                      const uint8_t *header, uint64_t length) {
  uint64_t done = 0;
  unsigned generation = cam->generation;
  while (done < length) {
    while (cam->stream_head == NULL) {
      if (!cam->present || cam->generation != generation || !stream_enabled(cam)) {
        return -1;
      }
      u3v_wait_until(u3v_after_ms(u3v_now(), 100));
    }
    struct itransfer *t = u3v_stream_take(cam);
    struct libusb_transfer *pub = u3v_public(t);
    uint64_t n = length - done < (uint64_t)pub->length ? length - done : (uint64_t)pub->length;
    if (kind == BLOCK_PAYLOAD) {
      fill_payload(f, pub->buffer, f->sent + done, n);
    } else {
      memcpy(pub->buffer, header + done, n);
    }
    done += n;
    u3v_transfer_done(t, LIBUSB_TRANSFER_COMPLETED, (int)n);
  }
  if (kind == BLOCK_PAYLOAD) {
    f->sent += length;
  }
  return 0;
}

static int send_frame(struct u3v_camera *cam) {
  struct frame f = {0};
  f.block_id = cam->block_id;
  f.width = feature32(cam, REG_WIDTH);
  f.height = feature32(cam, REG_HEIGHT);
  f.offset_x = feature32(cam, REG_OFFSET_X);
  f.offset_y = feature32(cam, REG_OFFSET_Y);
  f.pixel_format = feature32(cam, REG_PIXEL_FORMAT);
  uint64_t timestamp = timestamp_ns();
  f.image_size = (uint64_t)f.width * f.height;
  build_chunk_tail(cam, &f, timestamp);
  uint64_t total = f.image_size + f.tail_size;
  f.size = total;
  long every = u3v_cfg.short_payload_every;
  int short_frame = every > 0 && u3v_faulty(cam->serial) && (cam->frames_sent + 1) % every == 0;
  if (short_frame) {
    f.size = total - (total / 2 < 4096 ? total / 2 : 4096);
  }

  uint8_t leader[LEADER_SIZE] = {0};
  put32(leader, LEADER_MAGIC);
  put16(leader + 6, LEADER_SIZE);
  put64(leader + 8, f.block_id);
  put16(leader + 18, f.tail_size > 0 ? 0x4001 : 0x0001); /* image (extended chunk) */
  put64(leader + 20, timestamp);
  put32(leader + 28, f.pixel_format);
  put32(leader + 32, f.width);
  put32(leader + 36, f.height);
  put32(leader + 40, f.offset_x);
  put32(leader + 44, f.offset_y);
  if (send_block(cam, &f, BLOCK_LEADER, leader, LEADER_SIZE) < 0) {
    return -1;
  }

  /* Payload in the block sizes the host wrote to the SIRM (payload size x count, then the rest). */
  uint64_t block = get32(cam->mem + U3V_SIRM_BASE + SIRM_PAYLOAD_SIZE);
  uint64_t count = get32(cam->mem + U3V_SIRM_BASE + SIRM_PAYLOAD_COUNT);
  for (uint64_t i = 0; f.sent < f.size; i++) {
    uint64_t n = block > 0 && i < count ? block : f.size - f.sent;
    if (n > f.size - f.sent) {
      n = f.size - f.sent;
    }
    if (send_block(cam, &f, BLOCK_PAYLOAD, NULL, n) < 0) {
      return -1;
    }
  }

  uint8_t trailer[TRAILER_SIZE] = {0};
  put32(trailer, TRAILER_MAGIC);
  put16(trailer + 6, TRAILER_SIZE);
  put64(trailer + 8, f.block_id);
  put64(trailer + 20, f.size);
  put32(trailer + 28, f.height);
  if (send_block(cam, &f, BLOCK_TRAILER, trailer, TRAILER_SIZE) < 0) {
    return -1;
  }
  if (short_frame) {
    u3v_log("%s: frame %llu sent %llu of %llu payload bytes (fault)", cam->serial,
            (unsigned long long)f.block_id, (unsigned long long)f.size,
            (unsigned long long)total);
  }
  return 0;
}

static double frame_period_ms(struct u3v_camera *cam) {
  double exposure_ms = getd(feature(cam, REG_EXPOSURE_TIME)) / 1000.0;
  double period = feature32(cam, REG_FRAME_RATE_ENABLE) ? 1000.0 / getd(feature(cam, REG_FRAME_RATE))
                                                        : 1000.0 / 200;
  if (period < exposure_ms) {
    period = exposure_ms;
  }
  uint32_t limit = feature32(cam, REG_THROUGHPUT_LIMIT);
  if (feature32(cam, REG_THROUGHPUT_LIMIT_MODE) == 1 && limit > 0) {
    double wire_ms = payload_size(cam) * 1000.0 / limit;
    if (period < wire_ms) {
      period = wire_ms;
    }
  }
  return period;
}

/* Whether a frame is due now; if not, waits a while (lock held) and the caller asks again. */
static int frame_due(struct u3v_camera *cam) {
  if (feature32(cam, REG_TRIGGER_MODE) == 1) {
    if (feature32(cam, REG_TRIGGER_SOURCE) == 0 && cam->pending_triggers > 0) {
      return 1;
    }
    u3v_wait_until(u3v_after_ms(u3v_now(), 1000)); /* hardware lines never fire here */
    return 0;
  }
  struct timespec now = u3v_now();
  if (u3v_before(now, cam->next_frame)) {
    u3v_wait_until(cam->next_frame);
    return 0;
  }
  return 1;
}

static void after_frame(struct u3v_camera *cam) {
  cam->frames_sent++;
  cam->frames_since_power_on++;
  cam->block_id++;
  if (cam->pending_triggers > 0) {
    cam->pending_triggers--;
  }
  struct timespec now = u3v_now();
  cam->next_frame = u3v_after_ms(cam->next_frame, frame_period_ms(cam));
  if (u3v_before(cam->next_frame, u3v_after_ms(now, -frame_period_ms(cam)))) {
    cam->next_frame = now; /* fell behind (host not reading): do not burst to catch up */
  }
  if (cam->frames_to_go > 0 && --cam->frames_to_go == 0) {
    stop_acquisition(cam);
  }
  if (u3v_cfg.unplug_after_frames >= 0 && (!cam->unplugged_once || u3v_cfg.unplug_repeat) &&
      u3v_faulty(cam->serial) && cam->frames_since_power_on >= u3v_cfg.unplug_after_frames) {
    cam->unplugged_once = 1;
    u3v_log("%s: unplugged after %ld frames (fault)", cam->serial, cam->frames_sent);
    u3v_unplug(cam);
    cam->replug_at = u3v_after_ms(now, u3v_cfg.replug_after_ms);
  }
}

static void stall(struct u3v_camera *cam) {
  cam->stalled_once = 1;
  u3v_log("%s: stalling %ld ms after %ld frames (fault)", cam->serial, u3v_cfg.stall_ms,
          cam->frames_sent);
  struct timespec until = u3v_after_ms(u3v_now(), u3v_cfg.stall_ms);
  unsigned generation = cam->generation;
  while (u3v_before(u3v_now(), until) && cam->generation == generation) {
    u3v_wait_until(until);
  }
  cam->next_frame = u3v_now();
}

static void *producer(void *arg) {
  struct u3v_camera *cam = arg;
  pthread_mutex_lock(&u3v_lock);
  for (;;) {
    if (!cam->present) {
      if (u3v_cfg.replug_after_ms < 0) {
        u3v_wait_until(u3v_after_ms(u3v_now(), 60000));
      } else if (u3v_before(u3v_now(), cam->replug_at)) {
        u3v_wait_until(cam->replug_at);
      } else {
        power_on(cam);
        cam->present = 1;
        u3v_log("%s: back on the bus (power-cycled)", cam->serial);
        pthread_cond_broadcast(&u3v_changed);
      }
      continue;
    }
    if (!cam->acquiring || !stream_enabled(cam)) {
      u3v_wait_until(u3v_after_ms(u3v_now(), 1000));
      continue;
    }
    if (u3v_cfg.stall_after_frames >= 0 && !cam->stalled_once && u3v_faulty(cam->serial) &&
        cam->frames_sent >= u3v_cfg.stall_after_frames) {
      stall(cam);
      continue;
    }
    if (!frame_due(cam)) {
      continue;
    }
    if (send_frame(cam) == 0) {
      after_frame(cam);
    }
  }
  return NULL;
}

void u3v_camera_start(struct u3v_camera *cam) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  if (pthread_create(&cam->producer, &attr, producer, cam) != 0) {
    u3v_log("%s: could not start the producer thread", cam->serial);
  }
  pthread_attr_destroy(&attr);
}
