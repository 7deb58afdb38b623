/*
 * Internals shared by fake-u3v's libusb surface (usb_device.c, usb_transfer.c): the objects behind
 * libusb's opaque handles. Everything here is guarded by u3v_lock.
 */
#ifndef FAKE_U3V_USB_PRIVATE_H
#define FAKE_U3V_USB_PRIVATE_H

#include "fake_u3v.h"

#define EXPORT __attribute__((visibility("default")))

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

extern struct libusb_context *u3v_contexts; /* every live context */

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

struct itransfer *u3v_private_of(struct libusb_transfer *t);
struct libusb_context *u3v_resolve(libusb_context *ctx);
void u3v_device_unref_locked(struct libusb_device *d);
int u3v_alive(struct libusb_device_handle *h);
void u3v_init_cond(pthread_cond_t *cond);

#endif
