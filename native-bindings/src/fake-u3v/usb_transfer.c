/*
 * The libusb-1.0 surface of fake-u3v, part 2: transfers (async and sync), unplug, hotplug events and
 * the event loop Aravis runs on its arv_libusb thread, error names.
 */
#include <stdlib.h>
#include <string.h>

#include "usb_private.h"

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
  free(u3v_private_of(transfer));
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
  if (!u3v_alive(h)) {
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
  struct itransfer *t = u3v_private_of(transfer);
  pthread_mutex_lock(&u3v_lock);
  t->sync = 0;
  int result = submit_locked(t, transfer->dev_handle);
  pthread_mutex_unlock(&u3v_lock);
  return result;
}

EXPORT int libusb_cancel_transfer(struct libusb_transfer *transfer) {
  struct itransfer *t = u3v_private_of(transfer);
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
  struct itransfer *t = u3v_private_of(libusb_alloc_transfer(0));
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
  while (u3v_alive(h) && u3v_before(u3v_now(), deadline)) {
    u3v_wait_until(deadline);
  }
  int result = u3v_alive(h) ? LIBUSB_ERROR_TIMEOUT : LIBUSB_ERROR_NO_DEVICE;
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
    int result = u3v_alive(handle) ? u3v_control_out(cam, data, length) : LIBUSB_ERROR_NO_DEVICE;
    pthread_mutex_unlock(&u3v_lock);
    if (result == LIBUSB_SUCCESS) {
      *transferred = length;
    }
    return result;
  }
  if (endpoint == (U3V_EP_CONTROL | LIBUSB_ENDPOINT_IN)) {
    pthread_mutex_lock(&u3v_lock);
    int result = u3v_alive(handle) ? u3v_control_in(cam, data, length, transferred, timeout)
                               : LIBUSB_ERROR_NO_DEVICE;
    if (result == LIBUSB_SUCCESS && !u3v_alive(handle)) {
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
  for (struct libusb_context *c = u3v_contexts; c != NULL; c = c->next_context) {
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
  struct libusb_context *c = u3v_resolve(ctx);
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
  struct libusb_context *c = u3v_resolve(ctx);
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
  u3v_device_unref_locked(e->device);
  pthread_mutex_unlock(&u3v_lock);
  free(e);
}

EXPORT int libusb_handle_events_timeout(libusb_context *ctx, struct timeval *tv) {
  struct libusb_context *c = u3v_resolve(ctx);
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
