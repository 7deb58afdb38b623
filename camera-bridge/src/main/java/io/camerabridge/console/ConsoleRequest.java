package io.camerabridge.console;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the console needs of a request, copied off the event loop's buffers so it can be served on
 * the console's own thread.
 *
 * @param head method, URI and headers (no body)
 * @param rawPath the path as sent, still percent-encoded (split on '/' before decoding, so an
 *     encoded slash can never become a separator)
 * @param query the decoded query parameters
 * @param body the body as text (the sign-in form only; small by the server's limit)
 */
record ConsoleRequest(
    HttpRequest head, String rawPath, Map<String, List<String>> query, String body) {

  static ConsoleRequest copyOf(FullHttpRequest request) {
    HttpRequest head =
        new DefaultHttpRequest(
            request.protocolVersion(), request.method(), request.uri(), request.headers().copy());
    QueryStringDecoder decoded = new QueryStringDecoder(request.uri());
    return new ConsoleRequest(
        head,
        decoded.rawPath(),
        decoded.parameters(),
        request.content().toString(StandardCharsets.UTF_8));
  }

  boolean isGet() {
    return HttpMethod.GET.equals(head.method()) || HttpMethod.HEAD.equals(head.method());
  }

  boolean isPost() {
    return HttpMethod.POST.equals(head.method());
  }

  String header(CharSequence name) {
    return head.headers().get(name);
  }

  String cookie() {
    return header(HttpHeaderNames.COOKIE);
  }

  String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
