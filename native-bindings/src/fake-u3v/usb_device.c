/*
 * The libusb-1.0 surface of fake-u3v, part 1: u3v_contexts, the device list, descriptors, handles and
 * string descriptors. With usb_transfer.c these are exactly the 25 functions Debian's libaravis-0.8
 * imports (objdump -T libaravis-0.8.so.0 | grep libusb), with libusb's own structures and semantics
 * as far as Aravis can observe them. Anything Aravis does not call is not here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usb_private.h"

pthread_mutex_t u3v_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t u3v_changed;
struct u3v_config u3v_cfg;
struct u3v_camera u3v_cameras[U3V_MAX_CAMERAS];
struct libusb_context *u3v_contexts;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct libusb_context *default_context;

struct libusb_transfer *u3v_public(struct itransfer *t) {
  return (struct libusb_transfer *)((char *)t + PUB_OFFSET);
}

struct itransfer *u3v_private_of(struct libusb_transfer *t) {
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

void u3v_init_cond(pthread_cond_t *cond) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(cond, &attr);
  pthread_condattr_destroy(&attr);
}

static void init_once(void) {
  u3v_init_cond(&u3v_changed);
  u3v_config_load(&u3v_cfg);
  for (int i = 0; i < u3v_cfg.camera_count; i++) {
    u3v_camera_init(&u3v_cameras[i], i);
  }
  for (int i = 0; i < u3v_cfg.camera_count; i++) {
    u3v_camera_start(&u3v_cameras[i]);
  }
  u3v_log("%d camera(s), %.1f fps", u3v_cfg.camera_count, u3v_cfg.frame_rate);
}

/* ---- u3v_contexts ---------------------------------------------------------------------------- */

EXPORT int libusb_init(libusb_context **ctx) {
  pthread_once(&once, init_once);
  struct libusb_context *c = calloc(1, sizeof(*c));
  if (c == NULL) {
    return LIBUSB_ERROR_NO_MEM;
  }
  u3v_init_cond(&c->events);
  c->next_hotplug_handle = 1;
  pthread_mutex_lock(&u3v_lock);
  c->next_context = u3v_contexts;
  u3v_contexts = c;
  if (ctx == NULL) {
    default_context = c;
  } else {
    *ctx = c;
  }
  pthread_mutex_unlock(&u3v_lock);
  return LIBUSB_SUCCESS;
}

struct libusb_context *u3v_resolve(libusb_context *ctx) {
  return ctx != NULL ? ctx : default_context;
}

EXPORT void libusb_exit(libusb_context *ctx) {
  struct libusb_context *c = u3v_resolve(ctx);
  if (c == NULL) {
    return;
  }
  pthread_mutex_lock(&u3v_lock);
  for (struct libusb_context **p = &u3v_contexts; *p != NULL; p = &(*p)->next_context) {
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
    u3v_device_unref_locked(e->device);
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

void u3v_device_unref_locked(struct libusb_device *d) {
  if (d == NULL || --d->refs > 0) {
    return;
  }
  if (d->context != NULL && d->context->devices[d->camera->index] == d) {
    d->context->devices[d->camera->index] = NULL;
  }
  free(d);
}

EXPORT ssize_t libusb_get_device_list(libusb_context *ctx, libusb_device ***list) {
  struct libusb_context *c = u3v_resolve(ctx);
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
      u3v_device_unref_locked(list[i]);
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

int u3v_alive(struct libusb_device_handle *h) {
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
  u3v_device_unref_locked(handle->device);
  pthread_mutex_unlock(&u3v_lock);
  free(handle);
}

static int checked(libusb_device_handle *handle) {
  pthread_mutex_lock(&u3v_lock);
  int ok = u3v_alive(handle);
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

