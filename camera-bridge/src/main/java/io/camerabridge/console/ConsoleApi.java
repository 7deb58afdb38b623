package io.camerabridge.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camerabridge.ops.HttpResponses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's JSON and images (docs/console.md): {@code /api/cameras}, {@code
 * /api/cameras/{id}/preview.jpg}, {@code /api/cameras/{id}/ng}, {@code /api/cameras/{id}/ng/{file}}
 * and the event stream. Runs on the console's thread.
 */
final class ConsoleApi {
  private final ObjectMapper json;
  private final CameraCards cards;
  private final Map<String, CameraPreview> previews;
  private final Map<String, NgFiles> ngFiles;
  private final EventStream events;
  private final Runnable watched;

  /**
   * @param watched called when a preview is fetched: someone is looking
   */
  ConsoleApi(
      ObjectMapper json,
      CameraCards cards,
      Map<String, CameraPreview> previews,
      Map<String, NgFiles> ngFiles,
      EventStream events,
      Runnable watched) {
    this.json = json;
    this.cards = cards;
    this.previews = previews;
    this.ngFiles = ngFiles;
    this.events = events;
    this.watched = watched;
  }

  boolean startEvents(ChannelHandlerContext ctx) {
    return events.start(ctx, ConsoleRoutes.SECURITY_HEADERS, cardsJson());
  }

  String cardsJson() {
    return cards.all().toString();
  }

  FullHttpResponse answer(ConsoleRequest request) {
    // Split before decoding: an encoded slash (%2F) stays inside its segment.
    List<String> seg =
        Arrays.stream(request.rawPath().split("/", -1))
            .skip(1)
            .map(QueryStringDecoder::decodeComponent)
            .toList();
    if (seg.size() == 2 && seg.get(1).equals("cameras")) {
      return ok(cardsJson());
    }
    if (seg.size() < 4 || !seg.get(1).equals("cameras") || !previews.containsKey(seg.get(2))) {
      return notFound("no such camera or API path");
    }
    String id = seg.get(2);
    if (seg.size() == 4 && seg.get(3).equals("preview.jpg")) {
      return preview(id, request.param("width"));
    }
    if (seg.size() == 4 && seg.get(3).equals("ng")) {
      return ngList(id);
    }
    if (seg.size() == 5 && seg.get(3).equals("ng")) {
      return ngFile(id, seg.get(4), "json".equals(request.param("format")));
    }
    return notFound("no such camera or API path");
  }

  private FullHttpResponse preview(String id, String widthParam) {
    watched.run();
    int width = PreviewImage.MAX_WIDTH;
    if (widthParam != null) {
      try {
        width = Math.max(16, Math.min(PreviewImage.MAX_WIDTH, Integer.parseInt(widthParam)));
      } catch (NumberFormatException e) {
        return ConsoleRoutes.json(400, "{\"error\":\"width must be a whole number of pixels\"}");
      }
    }
    Optional<Preview> p = previews.get(id).latest();
    if (p.isEmpty()) {
      return notFound("no preview yet: the camera has not streamed since the page opened");
    }
    byte[] jpeg =
        p.get().image().getWidth() <= width
            ? p.get().jpeg()
            : PreviewImage.jpeg(PreviewImage.shrink(p.get().image(), width));
    FullHttpResponse r = HttpResponses.response(200, "image/jpeg", jpeg);
    r.headers().set("X-Frame-Id", Long.toUnsignedString(p.get().frame().frameId()));
    r.headers().set("X-Frame-Sequence", p.get().frame().sequence());
    r.headers().set("X-Preview-Sequence", p.get().sequence());
    return r;
  }

  private FullHttpResponse ngList(String id) {
    NgFiles files = ngFiles.get(id);
    ArrayNode out = json.createArrayNode();
    if (files != null) {
      List<NgEvent> events = previews.get(id).ngEvents();
      try {
        for (NgFiles.NgFile f : files.list()) {
          out.add(entry(id, f, find(events, f), false));
        }
      } catch (IOException e) {
        return ConsoleRoutes.json(500, "{\"error\":\"cannot list the NG images\"}");
      }
    }
    return ok(out.toString());
  }

  private FullHttpResponse ngFile(String id, String name, boolean asJson) {
    NgFiles files = ngFiles.get(id);
    try {
      Optional<Path> file = files == null ? Optional.empty() : files.resolve(name);
      if (file.isEmpty()) {
        return notFound("no such NG image");
      }
      NgFiles.NgFile f = files.parse(name).orElseThrow();
      if (asJson) {
        return ok(entry(id, f, find(previews.get(id).ngEvents(), f), true).toString());
      }
      FullHttpResponse r = HttpResponses.response(200, "image/png", Files.readAllBytes(file.get()));
      r.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "inline");
      return r;
    } catch (IOException e) {
      return notFound("no such NG image");
    }
  }

  private ObjectNode entry(String id, NgFiles.NgFile f, Optional<NgEvent> event, boolean context) {
    ObjectNode node = json.createObjectNode();
    node.put("file", f.file());
    node.put("url", "/api/cameras/" + id + "/ng/" + f.file());
    node.put("time", f.time().toString());
    node.put("frameId", f.frameId());
    if (f.bytes() > 0) {
      node.put("bytes", f.bytes());
    }
    if (event.isPresent()) {
      node.put("sequence", event.get().sequence());
      node.put("defects", event.get().rectangles().size());
      node.set("rectangles", CameraCards.rectangles(json, event.get().rectangles()));
      if (context) {
        node.put("context", event.get().contextJson());
      }
    } else {
      // Saved before this process started: the image is there, its verdict's details are not.
      node.putNull("defects");
    }
    return node;
  }

  /** The NG verdict a file was saved for: same frame id, saved within a few seconds. */
  private static Optional<NgEvent> find(List<NgEvent> events, NgFiles.NgFile f) {
    return events.stream()
        .filter(e -> e.frameId() == f.frameId())
        .filter(e -> Math.abs(e.at().toEpochMilli() - f.time().toEpochMilli()) < 5_000)
        .findFirst();
  }

  private static FullHttpResponse ok(String body) {
    return ConsoleRoutes.json(200, body);
  }

  private FullHttpResponse notFound(String why) {
    ObjectNode node = json.createObjectNode().put("error", why);
    return ConsoleRoutes.json(404, node.toString());
  }
}
