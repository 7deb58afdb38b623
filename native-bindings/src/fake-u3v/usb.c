/*
 * The libusb-1.0 surface of fake-u3v: exactly the functions Debian's libaravis-0.8 imports
 * (objdump -T libaravis-0.8.so.0 | grep libusb), with libusb's own structures and semantics as far
 * as Aravis can observe them. Anything Aravis does not call is not here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_u3v.h"

#define EXPORT __attribute__((visibility("default")))

pthread_mutex_t u3v_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t u3v_changed;
struct u3v_config u3v_cfg;
struct u3v_camera u3v_cameras[U3V_MAX_CAMERAS];

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct libusb_context *default_context;

struct hotplug {
  struct hotplug *next;
  int handle;
  int events;
  libusb_hotplug_callback_fn fn;
  void *user_data;
};

struct hotplug_event {
  struct hotplug_event *next;
  struct libusb_device *device;
};

struct libusb_context {
  pthread_cond_t events; /* completed transfers or hotplug events to deliver */
  struct itransfer *done_head, *done_tail;
  struct hotplug *hotplugs;
  struct hotplug_event *hotplug_head, *hotplug_tail;
  int next_hotplug_handle;
  struct libusb_device *devices[U3V_MAX_CAMERAS]; /* one object per camera and generation */
  struct libusb_context *next_context;
};

static struct libusb_context *contexts;

struct libusb_device {
  int refs;
  struct libusb_context *context;
  struct u3v_camera *camera;
  unsigned generation;
};

struct libusb_device_handle {
  struct libusb_device *device;
};

enum transfer_state { T_IDLE, T_QUEUED, T_FILLING, T_DONE };

struct itransfer {
  struct itransfer *next;
  enum transfer_state state;
  int sync;     /* libusb_bulk_transfer: a waiter, not the event loop, collects it */
  int canceled; /* cancel asked while the device was filling it */
  struct libusb_context *context;
  struct u3v_camera *camera;
  /* struct libusb_transfer follows (it ends in a flexible array) */
};

#define PUB_OFFSET ((sizeof(struct itransfer) + 15) & ~(size_t)15)

struct libusb_transfer *u3v_public(struct itransfer *t) {
  return (struct libusb_transfer *)((char *)t + PUB_OFFSET);
}

static struct itransfer *private_of(struct libusb_transfer *t) {
  return (struct itransfer *)((char *)t - PUB_OFFSET);
}

void u3v_log(const char *fmt, ...) {
  if (!u3v_cfg.debug) {
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "fake-u3v: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
}

struct timespec u3v_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t;
}

struct timespec u3v_after_ms(struct timespec t, double ms) {
  long long ns = t.tv_nsec + (long long)(ms * 1e6);
  t.tv_sec += ns / 1000000000LL;
  t.tv_nsec = ns % 1000000000LL;
  if (t.tv_nsec < 0) {
    t.tv_nsec += 1000000000LL;
    t.tv_sec--;
  }
  return t;
}

int u3v_before(struct timespec a, struct timespec b) {
  return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

/* Waits on u3v_changed until the deadline or a change (lock held). */
void u3v_wait_until(struct timespec deadline) {
  pthread_cond_timedwait(&u3v_changed, &u3v_lock, &deadline);
}

static void init_cond(pthread_cond_t *cond) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(cond, &attr);
  pthread_condattr_destroy(&attr);
}

static void init_once(void) {
  init_cond(&u3v_changed);
  u3v_config_load(&u3v_cfg);
  for (int i = 0; i < u3v_cfg.camera_count; i++) {
    u3v_camera_init(&u3v_cameras[i], i);
  }
  for (int i = 0; i < u3v_cfg.camera_count; i++) {
    u3v_camera_start(&u3v_cameras[i]);
  }
  u3v_log("%d camera(s), %.1f fps", u3v_cfg.camera_count, u3v_cfg.frame_rate);
}

/* ---- contexts ---------------------------------------------------------------------------- */

EXPORT int libusb_init(libusb_context **ctx) {
  pthread_once(&once, init_once);
  struct libusb_context *c = calloc(1, sizeof(*c));
  if (c == NULL) {
    return LIBUSB_ERROR_NO_MEM;
  }
  init_cond(&c->events);
  c->next_hotplug_handle = 1;
  pthread_mutex_lock(&u3v_lock);
  c->next_context = contexts;
  contexts = c;
  if (ctx == NULL) {
    default_context = c;
  } else {
    *ctx = c;
  }
  pthread_mutex_unlock(&u3v_lock);
  return LIBUSB_SUCCESS;
}

static struct libusb_context *resolve(libusb_context *ctx) {
  return ctx != NULL ? ctx : default_context;
}

static void device_unref_locked(struct libusb_device *d);

EXPORT void libusb_exit(libusb_context *ctx) {
  struct libusb_context *c = resolve(ctx);
  if (c == NULL) {
    return;
  }
  pthread_mutex_lock(&u3v_lock);
  for (struct libusb_context **p = &contexts; *p != NULL; p = &(*p)->next_context) {
    if (*p == c) {
      *p = c->next_context;
      break;
    }
  }
  for (int i = 0; i < U3V_MAX_CAMERAS; i++) {
    if (c->devices[i] != NULL) {
      c->devices[i]->context = NULL; /* outstanding references keep the object, not the slot */
      c->devices[i] = NULL;
    }
  }
  while (c->hotplugs != NULL) {
    struct hotplug *h = c->hotplugs;
    c->hotplugs = h->next;
    free(h);
  }
  while (c->hotplug_head != NULL) {
    struct hotplug_event *e = c->hotplug_head;
    c->hotplug_head = e->next;
    device_unref_locked(e->device);
    free(e);
  }
  if (c == default_context) {
    default_context = NULL;
  }
  pthread_mutex_unlock(&u3v_lock);
  pthread_cond_destroy(&c->events);
  free(c);
}

/* ---- devices ----------------------------------------------------------------------------- */

static void device_unref_locked(struct libusb_device *d) {
  if (d == NULL || --d->refs > 0) {
    return;
  }
  if (d->context != NULL && d->context->devices[d->camera->index] == d) {
    d->context->devices[d->camera->index] = NULL;
  }
  free(d);
}

EXPORT ssize_t libusb_get_device_list(libusb_context *ctx, libusb_device ***list) {
  struct libusb_context *c = resolve(ctx);
  if (c == NULL) {
    return LIBUSB_ERROR_INVALID_PARAM;
  }
  struct libusb_device **out = calloc(U3V_MAX_CAMERAS + 1, sizeof(*out));
  if (out == NULL) {
    return LIBUSB_ERROR_NO_MEM;
  }
  ssize_t n = 0;
  pthread_mutex_lock(&u3v_lock);
  for (int i = 0; i < u3v_cfg.camera_count; i++) {
    struct u3v_camera *cam = &u3v_cameras[i];
    if (!cam->present) {
      continue;
    }
    struct libusb_device *d = c->devices[i];
    if (d == NULL || d->generation != cam->generation) {
      if (d != NULL) {
        d->context = NULL; /* a stale object stays valid for whoever still holds it */
      }
      d = calloc(1, sizeof(*d));
      if (d == NULL) {
        break;
      }
      d->context = c;
      d->camera = cam;
      d->generation = cam->generation;
      c->devices[i] = d;
    }
    d->refs++;
    out[n++] = d;
  }
  pthread_mutex_unlock(&u3v_lock);
  *list = out;
  return n;
}

EXPORT void libusb_free_device_list(libusb_device **list, int unref_devices) {
  if (list == NULL) {
    return;
  }
  if (unref_devices) {
    pthread_mutex_lock(&u3v_lock);
    for (int i = 0; list[i] != NULL; i++) {
      device_unref_locked(list[i]);
    }
    pthread_mutex_unlock(&u3v_lock);
  }
  free(list);
}

EXPORT libusb_device *libusb_get_device(libusb_device_handle *handle) {
  return handle->device;
}

EXPORT int libusb_get_device_descriptor(libusb_device *dev,
                                        struct libusb_device_descriptor *desc) {
  memset(desc, 0, sizeof(*desc));
  desc->bLength = LIBUSB_DT_DEVICE_SIZE;
  desc->bDescriptorType = LIBUSB_DT_DEVICE;
  desc->bcdUSB = 0x0320;
  desc->bDeviceClass = 0xef; /* miscellaneous, with an interface association descriptor */
  desc->bDeviceSubClass = 0x02;
  desc->bDeviceProtocol = 0x01;
  desc->bMaxPacketSize0 = 9; /* 2^9 = 512 bytes, SuperSpeed */
  desc->idVendor = 0x1209;   /* pid.codes, the open-source vendor id */
  desc->idProduct = 0x0001;  /* pid.codes' test product id */
  desc->bcdDevice = 0x0100 + dev->camera->index;
  desc->iManufacturer = 1;
  desc->iProduct = 2;
  desc->iSerialNumber = 3;
  desc->bNumConfigurations = 1;
  return LIBUSB_SUCCESS;
}

/*
 * Configuration 1: an interface association (class 0xEF/0x05) over the three USB3 Vision
 * interfaces: control (protocol 0, bulk OUT+IN, with the U3V device info descriptor as extra
 * bytes: Aravis reads the GUID string index at offset 11), event (protocol 1, bulk IN) and
 * streaming (protocol 2, bulk IN).
 */
struct config_storage {
  struct libusb_config_descriptor config;
  struct libusb_interface interfaces[3];
  struct libusb_interface_descriptor alt[3];
  struct libusb_endpoint_descriptor control_eps[2];
  struct libusb_endpoint_descriptor event_ep;
  struct libusb_endpoint_descriptor stream_ep;
  unsigned char iad[8];
  unsigned char device_info[20];
};

static void endpoint(struct libusb_endpoint_descriptor *e, uint8_t address) {
  memset(e, 0, sizeof(*e));
  e->bLength = LIBUSB_DT_ENDPOINT_SIZE;
  e->bDescriptorType = LIBUSB_DT_ENDPOINT;
  e->bEndpointAddress = address;
  e->bmAttributes = LIBUSB_TRANSFER_TYPE_BULK;
  e->wMaxPacketSize = 1024;
}

static void interface(struct libusb_interface_descriptor *a, uint8_t number, uint8_t protocol,
                      uint8_t n_endpoints, const struct libusb_endpoint_descriptor *eps) {
  memset(a, 0, sizeof(*a));
  a->bLength = LIBUSB_DT_INTERFACE_SIZE;
  a->bDescriptorType = LIBUSB_DT_INTERFACE;
  a->bInterfaceNumber = number;
  a->bNumEndpoints = n_endpoints;
  a->bInterfaceClass = 0xef;
  a->bInterfaceSubClass = 0x05;
  a->bInterfaceProtocol = protocol;
  a->endpoint = eps;
}

EXPORT int libusb_get_config_descriptor(libusb_device *dev, uint8_t config_index,
                                        struct libusb_config_descriptor **config) {
  if (config_index != 0) {
    return LIBUSB_ERROR_NOT_FOUND;
  }
  struct config_storage *s = calloc(1, sizeof(*s));
  if (s == NULL) {
    return LIBUSB_ERROR_NO_MEM;
  }
  endpoint(&s->control_eps[0], U3V_EP_CONTROL | LIBUSB_ENDPOINT_OUT);
  endpoint(&s->control_eps[1], U3V_EP_CONTROL | LIBUSB_ENDPOINT_IN);
  endpoint(&s->event_ep, U3V_EP_EVENT | LIBUSB_ENDPOINT_IN);
  endpoint(&s->stream_ep, U3V_EP_STREAM | LIBUSB_ENDPOINT_IN);
  interface(&s->alt[0], 0, 0x00, 2, s->control_eps);
  interface(&s->alt[1], 1, 0x01, 1, &s->event_ep);
  interface(&s->alt[2], 2, 0x02, 1, &s->stream_ep);

  /* U3V device info descriptor (class-specific, type 0x24, subtype 0x01). */
  unsigned char *info = s->device_info;
  info[0] = sizeof(s->device_info);
  info[1] = 0x24;
  info[2] = 0x01;
  /* GenCP 1.0 and U3V 1.0 (minor, major as 16-bit words), then the string indexes: GUID,
   * vendor, model, family, device version, manufacturer info, serial, user name; then
   * bmSpeedSupport (SuperSpeed). */
  static const unsigned char rest[17] = {0, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 0, 5, 0, 3, 0, 0x08};
  memcpy(info + 3, rest, sizeof(rest));
  s->alt[0].extra = info;
  s->alt[0].extra_length = sizeof(s->device_info);
  for (int i = 0; i < 3; i++) {
    s->interfaces[i].altsetting = &s->alt[i];
    s->interfaces[i].num_altsetting = 1;
  }

  unsigned char *iad = s->iad;
  static const unsigned char association[8] = {8, 0x0b, 0, 3, 0xef, 0x05, 0x00, 0};
  memcpy(iad, association, sizeof(association)); /* type 0x0b: interface association */

  struct libusb_config_descriptor *c = &s->config;
  c->bLength = LIBUSB_DT_CONFIG_SIZE;
  c->bDescriptorType = LIBUSB_DT_CONFIG;
  c->wTotalLength = LIBUSB_DT_CONFIG_SIZE + sizeof(s->iad) + 3 * LIBUSB_DT_INTERFACE_SIZE +
                    sizeof(s->device_info) + 4 * LIBUSB_DT_ENDPOINT_SIZE;
  c->bNumInterfaces = 3;
  c->bConfigurationValue = 1;
  c->bmAttributes = 0x80;
  c->MaxPower = 112; /* 896 mA in SuperSpeed units of 8 mA */
  c->interface = s->interfaces;
  c->extra = s->iad; /* libusb hands descriptors it does not parse to the parent's extra */
  c->extra_length = sizeof(s->iad);
  (void)dev;
  *config = c;
  return LIBUSB_SUCCESS;
}

EXPORT void libusb_free_config_descriptor(struct libusb_config_descriptor *config) {
  free(config); /* the first member of struct config_storage */
}

/* ---- handles ----------------------------------------------------------------------------- */

static int alive(struct libusb_device_handle *h) {
  return h->device->camera->present && h->device->generation == h->device->camera->generation;
}

EXPORT int libusb_open(libusb_device *dev, libusb_device_handle **handle) {
  pthread_mutex_lock(&u3v_lock);
  if (!dev->camera->present || dev->generation != dev->camera->generation) {
    pthread_mutex_unlock(&u3v_lock);
    return LIBUSB_ERROR_NO_DEVICE;
  }
  struct libusb_device_handle *h = calloc(1, sizeof(*h));
  if (h == NULL) {
    pthread_mutex_unlock(&u3v_lock);
    return LIBUSB_ERROR_NO_MEM;
  }
  dev->refs++;
  h->device = dev;
  pthread_mutex_unlock(&u3v_lock);
  *handle = h;
  return LIBUSB_SUCCESS;
}

EXPORT void libusb_close(libusb_device_handle *handle) {
  if (handle == NULL) {
    return;
  }
  pthread_mutex_lock(&u3v_lock);
  device_unref_locked(handle->device);
  pthread_mutex_unlock(&u3v_lock);
  free(handle);
}

static int checked(libusb_device_handle *handle) {
  pthread_mutex_lock(&u3v_lock);
  int ok = alive(handle);
  pthread_mutex_unlock(&u3v_lock);
  return ok ? LIBUSB_SUCCESS : LIBUSB_ERROR_NO_DEVICE;
}

EXPORT int libusb_claim_interface(libusb_device_handle *handle, int interface_number) {
  if (interface_number < 0 || interface_number > 2) {
    return LIBUSB_ERROR_NOT_FOUND;
  }
  return checked(handle);
}

EXPORT int libusb_release_interface(libusb_device_handle *handle, int interface_number) {
  if (interface_number < 0 || interface_number > 2) {
    return LIBUSB_ERROR_NOT_FOUND;
  }
  return checked(handle);
}

EXPORT int libusb_set_auto_detach_kernel_driver(libusb_device_handle *handle, int enable) {
  (void)enable;
  return checked(handle);
}

EXPORT int libusb_clear_halt(libusb_device_handle *handle, unsigned char endpoint) {
  (void)endpoint;
  return checked(handle);
}

/* Standard requests on endpoint 0: Aravis only halts and clears the stream endpoint. */
EXPORT int libusb_control_transfer(libusb_device_handle *handle, uint8_t request_type,
                                   uint8_t request, uint16_t value, uint16_t index,
                                   unsigned char *data, uint16_t length, unsigned int timeout) {
  (void)request_type, (void)value, (void)index, (void)data, (void)timeout;
  int result = checked(handle);
  if (result != LIBUSB_SUCCESS) {
    return result;
  }
  if (request == LIBUSB_REQUEST_SET_FEATURE || request == LIBUSB_REQUEST_CLEAR_FEATURE) {
    return 0;
  }
  return length == 0 ? 0 : LIBUSB_ERROR_PIPE;
}

static const char *string_of(struct u3v_camera *cam, uint8_t index) {
  switch (index) {
    case 1:
      return u3v_cfg.vendor;
    case 2:
      return u3v_cfg.model;
    case 3:
      return cam->serial;
    case 4:
      return cam->guid;
    case 5:
      return "1.0";
    default:
      return NULL;
  }
}

EXPORT int libusb_get_string_descriptor_ascii(libusb_device_handle *handle, uint8_t desc_index,
                                              unsigned char *data, int length) {
  int result = checked(handle);
  if (result != LIBUSB_SUCCESS) {
    return result;
  }
  const char *s = string_of(handle->device->camera, desc_index);
  if (s == NULL) {
    return LIBUSB_ERROR_PIPE;
  }
  int n = (int)strlen(s);
  if (n > length - 1) {
    n = length - 1;
  }
  memcpy(data, s, n);
  data[n] = 0;
  return n;
}

/* ---- transfers --------------------------------------------------------------------------- */

EXPORT struct libusb_transfer *libusb_alloc_transfer(int iso_packets) {
  size_t size = PUB_OFFSET + sizeof(struct libusb_transfer) +
                (size_t)iso_packets * sizeof(struct libusb_iso_packet_descriptor);
  struct itransfer *t = calloc(1, size);
  if (t == NULL) {
    return NULL;
  }
  t->state = T_IDLE;
  u3v_public(t)->num_iso_packets = iso_packets;
  return u3v_public(t);
}

EXPORT void libusb_free_transfer(struct libusb_transfer *transfer) {
  if (transfer == NULL) {
    return;
  }
  if (transfer->flags & LIBUSB_TRANSFER_FREE_BUFFER) {
    free(transfer->buffer);
  }
  free(private_of(transfer));
}

static void stream_unlink(struct u3v_camera *cam, struct itransfer *t) {
  struct itransfer **p = &cam->stream_head;
  struct itransfer *prev = NULL;
  while (*p != NULL && *p != t) {
    prev = *p;
    p = &(*p)->next;
  }
  if (*p == t) {
    *p = t->next;
    if (cam->stream_tail == t) {
      cam->stream_tail = prev;
    }
    t->next = NULL;
  }
}

struct itransfer *u3v_stream_take(struct u3v_camera *cam) {
  struct itransfer *t = cam->stream_head;
  if (t != NULL) {
    stream_unlink(cam, t);
    t->state = T_FILLING;
  }
  return t;
}

/* Completes a transfer (lock held): to its waiter, or to its context's event loop. */
void u3v_transfer_done(struct itransfer *t, enum libusb_transfer_status status, int actual) {
  struct libusb_transfer *pub = u3v_public(t);
  pub->status = status;
  pub->actual_length = actual;
  t->state = T_DONE;
  t->next = NULL;
  if (t->sync || t->context == NULL) {
    pthread_cond_broadcast(&u3v_changed);
    return;
  }
  struct libusb_context *c = t->context;
  if (c->done_tail != NULL) {
    c->done_tail->next = t;
  } else {
    c->done_head = t;
  }
  c->done_tail = t;
  pthread_cond_broadcast(&c->events);
}

static int submit_locked(struct itransfer *t, struct libusb_device_handle *h) {
  struct libusb_transfer *pub = u3v_public(t);
  if (!alive(h)) {
    return LIBUSB_ERROR_NO_DEVICE;
  }
  if (t->state == T_QUEUED || t->state == T_FILLING) {
    return LIBUSB_ERROR_BUSY;
  }
  if (pub->type != LIBUSB_TRANSFER_TYPE_BULK) {
    return LIBUSB_ERROR_NOT_SUPPORTED;
  }
  t->camera = h->device->camera;
  t->context = h->device->context;
  t->canceled = 0;
  t->next = NULL;
  pub->actual_length = 0;
  uint8_t ep = pub->endpoint;
  if (ep == (U3V_EP_STREAM | LIBUSB_ENDPOINT_IN)) {
    struct u3v_camera *cam = t->camera;
    t->state = T_QUEUED;
    if (cam->stream_tail != NULL) {
      cam->stream_tail->next = t;
    } else {
      cam->stream_head = t;
    }
    cam->stream_tail = t;
    pthread_cond_broadcast(&u3v_changed);
    return LIBUSB_SUCCESS;
  }
  if (ep == (U3V_EP_EVENT | LIBUSB_ENDPOINT_IN)) {
    t->state = T_QUEUED; /* no events are ever sent: it waits until canceled */
    return LIBUSB_SUCCESS;
  }
  return LIBUSB_ERROR_NOT_SUPPORTED; /* Aravis 0.8 drives the control channel synchronously */
}

EXPORT int libusb_submit_transfer(struct libusb_transfer *transfer) {
  struct itransfer *t = private_of(transfer);
  pthread_mutex_lock(&u3v_lock);
  t->sync = 0;
  int result = submit_locked(t, transfer->dev_handle);
  pthread_mutex_unlock(&u3v_lock);
  return result;
}

EXPORT int libusb_cancel_transfer(struct libusb_transfer *transfer) {
  struct itransfer *t = private_of(transfer);
  int result = LIBUSB_SUCCESS;
  pthread_mutex_lock(&u3v_lock);
  if (t->state == T_QUEUED) {
    if (t->camera != NULL) {
      stream_unlink(t->camera, t);
    }
    u3v_transfer_done(t, LIBUSB_TRANSFER_CANCELLED, 0);
  } else if (t->state == T_FILLING) {
    t->canceled = 1; /* the producer finishes it in a moment */
  } else {
    result = LIBUSB_ERROR_NOT_FOUND;
  }
  pthread_mutex_unlock(&u3v_lock);
  return result;
}

static int status_to_error(enum libusb_transfer_status status) {
  switch (status) {
    case LIBUSB_TRANSFER_COMPLETED:
      return LIBUSB_SUCCESS;
    case LIBUSB_TRANSFER_TIMED_OUT:
      return LIBUSB_ERROR_TIMEOUT;
    case LIBUSB_TRANSFER_STALL:
      return LIBUSB_ERROR_PIPE;
    case LIBUSB_TRANSFER_NO_DEVICE:
      return LIBUSB_ERROR_NO_DEVICE;
    case LIBUSB_TRANSFER_OVERFLOW:
      return LIBUSB_ERROR_OVERFLOW;
    case LIBUSB_TRANSFER_CANCELLED:
      return LIBUSB_ERROR_INTERRUPTED;
    default:
      return LIBUSB_ERROR_IO;
  }
}

/* A synchronous read from the stream endpoint: queued like an async one, then waited for. */
static int stream_read(libusb_device_handle *h, unsigned char *data, int length, int *transferred,
                       unsigned int timeout) {
  struct itransfer *t = private_of(libusb_alloc_transfer(0));
  if (t == NULL) {
    return LIBUSB_ERROR_NO_MEM;
  }
  struct libusb_transfer *pub = u3v_public(t);
  libusb_fill_bulk_transfer(pub, h, U3V_EP_STREAM | LIBUSB_ENDPOINT_IN, data, length, NULL, NULL,
                            timeout);
  struct timespec deadline = u3v_after_ms(u3v_now(), timeout == 0 ? 1e12 : timeout);
  pthread_mutex_lock(&u3v_lock);
  t->sync = 1;
  int result = submit_locked(t, h);
  if (result == LIBUSB_SUCCESS) {
    while (t->state != T_DONE) {
      if (t->state == T_QUEUED && !u3v_before(u3v_now(), deadline)) {
        stream_unlink(t->camera, t);
        u3v_transfer_done(t, LIBUSB_TRANSFER_TIMED_OUT, 0);
        break;
      }
      u3v_wait_until(deadline);
    }
    *transferred = pub->actual_length;
    result = status_to_error(pub->status);
  }
  pthread_mutex_unlock(&u3v_lock);
  libusb_free_transfer(pub);
  return result;
}

/* Waits for a completion that never comes (event endpoint): only the timeout ends it. */
static int idle_read(libusb_device_handle *h, int *transferred, unsigned int timeout) {
  struct timespec deadline = u3v_after_ms(u3v_now(), timeout == 0 ? 1e12 : timeout);
  pthread_mutex_lock(&u3v_lock);
  while (alive(h) && u3v_before(u3v_now(), deadline)) {
    u3v_wait_until(deadline);
  }
  int result = alive(h) ? LIBUSB_ERROR_TIMEOUT : LIBUSB_ERROR_NO_DEVICE;
  pthread_mutex_unlock(&u3v_lock);
  *transferred = 0;
  return result;
}

EXPORT int libusb_bulk_transfer(libusb_device_handle *handle, unsigned char endpoint,
                                unsigned char *data, int length, int *transferred,
                                unsigned int timeout) {
  int dummy;
  if (transferred == NULL) {
    transferred = &dummy;
  }
  *transferred = 0;
  struct u3v_camera *cam = handle->device->camera;
  if (endpoint == (U3V_EP_CONTROL | LIBUSB_ENDPOINT_OUT)) {
    pthread_mutex_lock(&u3v_lock);
    int result = alive(handle) ? u3v_control_out(cam, data, length) : LIBUSB_ERROR_NO_DEVICE;
    pthread_mutex_unlock(&u3v_lock);
    if (result == LIBUSB_SUCCESS) {
      *transferred = length;
    }
    return result;
  }
  if (endpoint == (U3V_EP_CONTROL | LIBUSB_ENDPOINT_IN)) {
    pthread_mutex_lock(&u3v_lock);
    int result = alive(handle) ? u3v_control_in(cam, data, length, transferred, timeout)
                               : LIBUSB_ERROR_NO_DEVICE;
    if (result == LIBUSB_SUCCESS && !alive(handle)) {
      result = LIBUSB_ERROR_NO_DEVICE;
    }
    pthread_mutex_unlock(&u3v_lock);
    return result;
  }
  if (endpoint == (U3V_EP_STREAM | LIBUSB_ENDPOINT_IN)) {
    return stream_read(handle, data, length, transferred, timeout);
  }
  if (endpoint == (U3V_EP_EVENT | LIBUSB_ENDPOINT_IN)) {
    return idle_read(handle, transferred, timeout);
  }
  return LIBUSB_ERROR_INVALID_PARAM;
}

/* ---- unplug and events ------------------------------------------------------------------- */

static void fail_queue(struct u3v_camera *cam) {
  while (cam->stream_head != NULL) {
    struct itransfer *t = u3v_stream_take(cam);
    u3v_transfer_done(t, LIBUSB_TRANSFER_NO_DEVICE, 0);
  }
}

/* The device leaves the bus (lock held): transfers fail, hotplug listeners hear of it. */
void u3v_unplug(struct u3v_camera *cam) {
  cam->present = 0;
  fail_queue(cam);
  for (struct libusb_context *c = contexts; c != NULL; c = c->next_context) {
    struct libusb_device *d = c->devices[cam->index];
    if (d == NULL || d->generation != cam->generation || c->hotplugs == NULL) {
      continue;
    }
    struct hotplug_event *e = calloc(1, sizeof(*e));
    if (e == NULL) {
      continue;
    }
    d->refs++;
    e->device = d;
    if (c->hotplug_tail != NULL) {
      c->hotplug_tail->next = e;
    } else {
      c->hotplug_head = e;
    }
    c->hotplug_tail = e;
    pthread_cond_broadcast(&c->events);
  }
  cam->generation++;
  pthread_cond_broadcast(&u3v_changed);
}

EXPORT int libusb_hotplug_register_callback(libusb_context *ctx, int events, int flags,
                                            int vendor_id, int product_id, int dev_class,
                                            libusb_hotplug_callback_fn cb_fn, void *user_data,
                                            libusb_hotplug_callback_handle *callback_handle) {
  (void)flags, (void)vendor_id, (void)product_id, (void)dev_class;
  struct libusb_context *c = resolve(ctx);
  struct hotplug *h = calloc(1, sizeof(*h));
  if (c == NULL || h == NULL) {
    free(h);
    return LIBUSB_ERROR_NO_MEM;
  }
  h->events = events;
  h->fn = cb_fn;
  h->user_data = user_data;
  pthread_mutex_lock(&u3v_lock);
  h->handle = c->next_hotplug_handle++;
  h->next = c->hotplugs;
  c->hotplugs = h;
  pthread_mutex_unlock(&u3v_lock);
  if (callback_handle != NULL) {
    *callback_handle = h->handle;
  }
  return LIBUSB_SUCCESS;
}

EXPORT void libusb_hotplug_deregister_callback(libusb_context *ctx,
                                               libusb_hotplug_callback_handle callback_handle) {
  struct libusb_context *c = resolve(ctx);
  if (c == NULL) {
    return;
  }
  pthread_mutex_lock(&u3v_lock);
  for (struct hotplug **p = &c->hotplugs; *p != NULL; p = &(*p)->next) {
    if ((*p)->handle == callback_handle) {
      struct hotplug *h = *p;
      *p = h->next;
      free(h);
      break;
    }
  }
  pthread_mutex_unlock(&u3v_lock);
}

/* Runs the DEVICE_LEFT callbacks of one event, without the lock: they may call back into libusb. */
static void deliver_hotplug(struct libusb_context *c, struct hotplug_event *e) {
  int handles[64];
  int count = 0;
  pthread_mutex_lock(&u3v_lock);
  for (struct hotplug *h = c->hotplugs; h != NULL && count < 64; h = h->next) {
    if (h->events & LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT) {
      handles[count++] = h->handle;
    }
  }
  pthread_mutex_unlock(&u3v_lock);
  for (int i = 0; i < count; i++) {
    libusb_hotplug_callback_fn fn = NULL;
    void *user_data = NULL;
    pthread_mutex_lock(&u3v_lock);
    for (struct hotplug *h = c->hotplugs; h != NULL; h = h->next) {
      if (h->handle == handles[i]) {
        fn = h->fn;
        user_data = h->user_data;
      }
    }
    pthread_mutex_unlock(&u3v_lock);
    /* A callback deregistered meanwhile is skipped; one returning 1 asks to be deregistered. */
    if (fn != NULL && fn(c, e->device, LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT, user_data) == 1) {
      libusb_hotplug_deregister_callback(c, handles[i]);
    }
  }
  pthread_mutex_lock(&u3v_lock);
  device_unref_locked(e->device);
  pthread_mutex_unlock(&u3v_lock);
  free(e);
}

EXPORT int libusb_handle_events_timeout(libusb_context *ctx, struct timeval *tv) {
  struct libusb_context *c = resolve(ctx);
  if (c == NULL) {
    return LIBUSB_ERROR_INVALID_PARAM;
  }
  double ms = tv != NULL ? tv->tv_sec * 1000.0 + tv->tv_usec / 1000.0 : 60000.0;
  struct timespec deadline = u3v_after_ms(u3v_now(), ms);
  pthread_mutex_lock(&u3v_lock);
  while (c->done_head == NULL && c->hotplug_head == NULL && u3v_before(u3v_now(), deadline)) {
    pthread_cond_timedwait(&c->events, &u3v_lock, &deadline);
  }
  struct itransfer *done = c->done_head;
  c->done_head = c->done_tail = NULL;
  struct hotplug_event *events = c->hotplug_head;
  c->hotplug_head = c->hotplug_tail = NULL;
  for (struct itransfer *t = done; t != NULL; t = t->next) {
    t->state = T_IDLE;
  }
  pthread_mutex_unlock(&u3v_lock);

  while (done != NULL) {
    struct itransfer *t = done;
    done = t->next;
    t->next = NULL;
    struct libusb_transfer *pub = u3v_public(t);
    int free_it = pub->flags & LIBUSB_TRANSFER_FREE_TRANSFER;
    if (pub->callback != NULL) {
      pub->callback(pub);
    }
    if (free_it) {
      libusb_free_transfer(pub);
    }
  }
  while (events != NULL) {
    struct hotplug_event *e = events;
    events = e->next;
    deliver_hotplug(c, e);
  }
  return LIBUSB_SUCCESS;
}

EXPORT const char *libusb_error_name(int error_code) {
  switch (error_code) {
    case LIBUSB_SUCCESS:
      return "LIBUSB_SUCCESS";
    case LIBUSB_ERROR_IO:
      return "LIBUSB_ERROR_IO";
    case LIBUSB_ERROR_INVALID_PARAM:
      return "LIBUSB_ERROR_INVALID_PARAM";
    case LIBUSB_ERROR_ACCESS:
      return "LIBUSB_ERROR_ACCESS";
    case LIBUSB_ERROR_NO_DEVICE:
      return "LIBUSB_ERROR_NO_DEVICE";
    case LIBUSB_ERROR_NOT_FOUND:
      return "LIBUSB_ERROR_NOT_FOUND";
    case LIBUSB_ERROR_BUSY:
      return "LIBUSB_ERROR_BUSY";
    case LIBUSB_ERROR_TIMEOUT:
      return "LIBUSB_ERROR_TIMEOUT";
    case LIBUSB_ERROR_OVERFLOW:
      return "LIBUSB_ERROR_OVERFLOW";
    case LIBUSB_ERROR_PIPE:
      return "LIBUSB_ERROR_PIPE";
    case LIBUSB_ERROR_INTERRUPTED:
      return "LIBUSB_ERROR_INTERRUPTED";
    case LIBUSB_ERROR_NO_MEM:
      return "LIBUSB_ERROR_NO_MEM";
    case LIBUSB_ERROR_NOT_SUPPORTED:
      return "LIBUSB_ERROR_NOT_SUPPORTED";
    default:
      return "LIBUSB_ERROR_OTHER";
  }
}
