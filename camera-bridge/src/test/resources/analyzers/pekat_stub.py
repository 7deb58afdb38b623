#!/usr/bin/python3
"""A minimal stand-in for one PEKAT instance, written independently of camera-bridge's simulator.

Standard library only. One analysis at a time (as PEKAT answers; connections are served on threads, so an idle
keep-alive connection blocks nobody), on 127.0.0.1 and the port given
(0 = any free one). Prints "PORT <n>" once listening, then one line per request:
"REQUEST <path> <data-parameter> <body-bytes>", flushed, so a test can follow what arrived in order.

  --latency-ms N   analysis time per image
  --loading N      the first N analyze requests answer 503 ("model loading"), /ping already 200
  --verdict ok|ng  what every image is judged
"""
import argparse
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--latency-ms", type=int, default=0)
    ap.add_argument("--loading", type=int, default=0)
    ap.add_argument("--verdict", choices=["ok", "ng"], default="ok")
    args = ap.parse_args()
    state = {"loading": args.loading}
    one_at_a_time = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def answer(self, status, ctype, body):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = urllib.parse.urlsplit(self.path).path
            print("REQUEST", path, "-", 0, flush=True)
            if path == "/ping":
                self.answer(200, "text/plain", b"OK")
            elif path == "/version":
                self.answer(200, "text/plain", b"3.19.2-stub")
            else:
                self.answer(404, "text/plain", b"not found")

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            data = query.get("data", ["-"])[0]
            print("REQUEST", url.path, data, len(body), flush=True)
            if url.path != "/analyze_raw_image":
                self.answer(404, "text/plain", b"not found")
                return
            with one_at_a_time:
                if state["loading"] > 0:
                    state["loading"] -= 1
                    self.answer(503, "text/plain", b"model is loading")
                    return
                time.sleep(args.latency_ms / 1000.0)
            w = int(query.get("width", ["0"])[0])
            h = int(query.get("height", ["0"])[0])
            context = {
                "error": False,
                "imageShape": {"height": h, "width": w},
                "processingTime": args.latency_ms / 1000.0,
                "save": False,
                "processing": True,
                "result": args.verdict == "ok",
                "detectedRectangles": [],
                "data": data,
            }
            self.answer(200, "application/json", json.dumps(context).encode())

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("PORT", server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
