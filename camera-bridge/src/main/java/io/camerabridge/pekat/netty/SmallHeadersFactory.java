package io.camerabridge.pekat.netty;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;

/**
 * Response header maps with small hash tables. Netty's default table has 16 buckets per map, and
 * the decoder makes two maps per response (headers, and trailers that PEKAT never sends); a PEKAT
 * response has a handful of headers, and a map still grows correctly past its size hint. Validation
 * is the same as Netty's default factories.
 */
final class SmallHeadersFactory implements HttpHeadersFactory {
  static final SmallHeadersFactory HEADERS =
      new SmallHeadersFactory(DefaultHttpHeadersFactory.headersFactory(), 8);
  static final SmallHeadersFactory TRAILERS =
      new SmallHeadersFactory(DefaultHttpHeadersFactory.trailersFactory(), 2);

  private final DefaultHttpHeadersFactory validation;
  private final int sizeHint;

  private SmallHeadersFactory(DefaultHttpHeadersFactory validation, int sizeHint) {
    this.validation = validation;
    this.sizeHint = sizeHint;
  }

  @Override
  public HttpHeaders newHeaders() {
    return new Sized(validation, sizeHint);
  }

  @Override
  public HttpHeaders newEmptyHeaders() {
    return validation.newEmptyHeaders();
  }

  private static final class Sized extends DefaultHttpHeaders {
    Sized(DefaultHttpHeadersFactory validation, int sizeHint) {
      super(validation.getNameValidator(), validation.getValueValidator(), sizeHint);
    }
  }
}
