package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped udev rule gives USB3 Vision cameras (an interface 0xEF/0x05, whatever the vendor) to
 * the group the service runs as, and nothing else. udev globs are checked the way udev matches them
 * against ID_USB_INTERFACES, which its usb_id builtin writes as {@code :ccssppp:...:}.
 */
class UdevRuleTest {
  private static final Path ROOT = Path.of(System.getProperty("camerabridge.root", ".."));
  private static final Path RULE = ROOT.resolve("config/udev/70-camera-bridge-usb3-vision.rules");

  @Test
  void matchesUsb3VisionInterfacesOnly() throws IOException {
    Pattern glob = globOf(key("ENV{ID_USB_INTERFACES}", "=="));
    // fake-u3v's (and every U3V camera's) control, event and streaming interfaces
    assertThat(glob.matcher(":ef0500:ef0501:ef0502:").matches()).isTrue();
    // a U3V camera behind a hub interface listed first
    assertThat(glob.matcher(":090000:ef0500:ef0502:").matches()).isTrue();
    // a UVC webcam, a mass-storage stick, a GenICam-less vendor class device
    assertThat(glob.matcher(":0e0100:0e0200:").matches()).isFalse();
    assertThat(glob.matcher(":080650:").matches()).isFalse();
    assertThat(glob.matcher(":ff0000:").matches()).isFalse();
  }

  @Test
  void givesTheDeviceToTheServiceGroup() throws IOException {
    String unit = Files.readString(ROOT.resolve("config/systemd/camera-bridge.service"));
    String postinst = Files.readString(ROOT.resolve("camera-bridge/src/deb/control/postinst"));
    String group = key("GROUP", "=");
    assertThat(unit).containsPattern("(?m)^Group=" + group + "$");
    assertThat(postinst).contains("groupadd --system " + group);
    assertThat(key("MODE", "=")).isEqualTo("0660");
    assertThat(key("SUBSYSTEM", "==")).isEqualTo("usb");
    assertThat(key("ENV{DEVTYPE}", "==")).isEqualTo("usb_device");
  }

  /** The value of {@code KEY<op>"value"} on the rule's only non-comment line. */
  private static String key(String name, String op) throws IOException {
    List<String> rules =
        Files.readAllLines(RULE).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(rules).hasSize(1);
    Matcher m =
        Pattern.compile("(?:^|, )" + Pattern.quote(name) + Pattern.quote(op) + "\"([^\"]*)\"")
            .matcher(rules.get(0));
    assertThat(m.find()).as("%s%s in %s", name, op, rules.get(0)).isTrue();
    return m.group(1);
  }

  /** udev's fnmatch-style glob: * any run, ? one character, everything else literal. */
  private static Pattern globOf(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }
}
