package io.camerabridge.bindings.raw;

/**
 * {@code arvsystem.h}, {@code arvmisc.h}, {@code arvdebug.h}, {@code arvrealtime.h}: process-wide
 * functions. System functions take Aravis's global mutex; the device strings they return belong to
 * the interface's device list and are freed by the next {@link #arv_update_device_list()}.
 */
public interface ArvSystemFunctions {
  /** {@code guint arv_get_major_version(void)}. */
  int arv_get_major_version();

  /** {@code guint arv_get_minor_version(void)}. */
  int arv_get_minor_version();

  /** {@code guint arv_get_micro_version(void)}. */
  int arv_get_micro_version();

  /** {@code gboolean arv_debug_enable(const char *category_selection)}, e.g. "gv:3,stream". */
  boolean arv_debug_enable(String categorySelection);

  /** {@code unsigned int arv_get_n_interfaces(void)}: Fake, USB3Vision, GigEVision. */
  int arv_get_n_interfaces();

  /** {@code const char *arv_get_interface_id(unsigned int index)}: transfer none. */
  String arv_get_interface_id(int index);

  /** {@code void arv_enable_interface(const char *interface_id)}: Fake is off by default. */
  void arv_enable_interface(String interfaceId);

  /** {@code void arv_disable_interface(const char *interface_id)}. */
  void arv_disable_interface(String interfaceId);

  /** {@code void arv_set_interface_flags(const char *interface_id, int flags)}. */
  void arv_set_interface_flags(String interfaceId, int flags);

  /** {@code void arv_update_device_list(void)}: GigE discovery waits 1000 ms. */
  void arv_update_device_list();

  /** {@code unsigned int arv_get_n_devices(void)}: devices found by the last update. */
  int arv_get_n_devices();

  /** {@code const char *arv_get_device_id(unsigned int index)}: transfer none, nullable. */
  String arv_get_device_id(int index);

  /** {@code const char *arv_get_device_physical_id(unsigned int index)}: MAC or USB path. */
  String arv_get_device_physical_id(int index);

  /** {@code const char *arv_get_device_address(unsigned int index)}: IP address or NULL. */
  String arv_get_device_address(int index);

  /** {@code const char *arv_get_device_vendor(unsigned int index)}: transfer none. */
  String arv_get_device_vendor(int index);

  /** {@code const char *arv_get_device_manufacturer_info(unsigned int index)} (0.8.20+). */
  String arv_get_device_manufacturer_info(int index);

  /** {@code const char *arv_get_device_model(unsigned int index)}: transfer none. */
  String arv_get_device_model(int index);

  /** {@code const char *arv_get_device_serial_nbr(unsigned int index)}: transfer none. */
  String arv_get_device_serial_nbr(int index);

  /**
   * {@code const char *arv_get_device_protocol(unsigned int index)}: GigEVision, USB3Vision, Fake.
   */
  String arv_get_device_protocol(int index);

  /** {@code ArvDevice *arv_open_device(const char *device_id, GError **error)}: transfer full. */
  ArvDeviceHandle arv_open_device(String deviceId, com.sun.jna.ptr.PointerByReference error);

  /** {@code void arv_shutdown(void)}: frees singletons; no Aravis call may follow. */
  void arv_shutdown();

  /** {@code GQuark arv_device_error_quark(void)}: domain of ArvDeviceError. */
  int arv_device_error_quark();

  /** {@code gboolean arv_make_thread_realtime(int priority)}: acts on the calling thread. */
  boolean arv_make_thread_realtime(int priority);

  /** {@code gboolean arv_make_thread_high_priority(int nice_level)}: via rtkit, calling thread. */
  boolean arv_make_thread_high_priority(int niceLevel);
}
