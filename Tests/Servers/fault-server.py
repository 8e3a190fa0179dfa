#!/usr/bin/env python3
"""A loopback HTTP server for listarc's fetch tests.

Serves files under --root (like `python3 -m http.server`, with ETag and
Last-Modified, answering conditional requests with 304) and injects faults on
chosen paths:  --rule PATH=MODE  (PATH exact, query ignored).

MODE:
  429once[:SECONDS]  first request 429 with Retry-After: SECONDS (default 1), then normal
  429date            first request 429 with Retry-After as an HTTP date 1 s ahead, then normal
  500once            first request 500, then normal
  500always          always 500
  404                always 404
  stall              headers and a few bytes, then silence for 600 s
  stallhead          no response at all for 600 s
  truncate           Content-Length of the whole file, half of it sent, connection closed
  badgzip            200 application/gzip with a gzip header and garbage after it
  huge               Content-Length: 10737418240, a few bytes, then closed
  endless            no Content-Length, bytes until the client gives up
  redirect:URL       302 to URL ({port} is replaced by this server's port)
  loop               302 to the same path with ?n+1 appended (endless redirects)
  body:TEXT          200 text/html with TEXT ({port} replaced too)

Binds 127.0.0.1 only, on --port (0 = a free port); prints "port N" on stdout
once listening. GET /__log (and --log FILE) give one JSON object per request.
"""
import argparse, email.utils, hashlib, json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
LOCK = threading.Lock()
COUNTS = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "listarc-fault-server"

    def log_message(self, *args):
        pass

    def record(self, status):
        with LOCK:
            LOG.append({
                "path": self.path,
                "status": status,
                "user_agent": self.headers.get("User-Agent"),
                "if_none_match": self.headers.get("If-None-Match"),
                "if_modified_since": self.headers.get("If-Modified-Since"),
                "time": time.time(),
            })
            if self.server.log_path:
                with open(self.server.log_path, "a") as f:
                    f.write(json.dumps(LOG[-1]) + "\n")

    def send(self, status, body=b"", headers=None, length=None):
        self.record(status)
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/__log":
            with LOCK:
                body = "".join(json.dumps(e) + "\n" for e in LOG).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        with LOCK:
            COUNTS[path] = COUNTS.get(path, 0) + 1
            count = COUNTS[path]
        mode = self.server.rules.get(path)
        if mode is None:
            return self.serve_file(path)
        name, _, arg = mode.partition(":")
        if name == "429once":
            if count == 1:
                return self.send(429, b"slow down\n", {"Retry-After": arg or "1"})
            return self.serve_file(path)
        if name == "429date":
            if count == 1:
                when = email.utils.formatdate(time.time() + 1, usegmt=True)
                return self.send(429, b"slow down\n", {"Retry-After": when})
            return self.serve_file(path)
        if name == "500once":
            if count == 1:
                return self.send(500, b"oops\n")
            return self.serve_file(path)
        if name == "500always":
            return self.send(500, b"oops\n")
        if name == "404":
            return self.send(404, b"no such thing\n")
        if name == "stall":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html>")
            self.wfile.flush()
            time.sleep(600)
            return
        if name == "stallhead":
            self.record(0)
            time.sleep(600)
            return
        if name == "truncate":
            body = self.file_bytes(path) or b"x" * 20000
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if name == "badgzip":
            body = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"this is not deflate data" * 40
            return self.send(200, body, {"Content-Type": "application/gzip"})
        if name == "huge":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Length", str(10 * 1024 ** 3))
            self.end_headers()
            try:
                self.wfile.write(b"x" * 1000)
            except OSError:
                pass
            self.close_connection = True
            return
        if name == "endless":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65533
            try:
                for _ in range(200000):  # 13 GB at most, then stop anyway
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True
            return
        if name == "redirect":
            return self.send(302, b"", {"Location": arg.replace("{port}", str(self.server.server_address[1]))})
        if name == "loop":
            return self.send(302, b"", {"Location": "%s?%d" % (path, count)})
        if name == "body":
            body = arg.replace("{port}", str(self.server.server_address[1]))
            return self.send(200, body.encode(), {"Content-Type": "text/html"})
        return self.send(500, ("unknown rule " + mode).encode())

    def file_bytes(self, path):
        root = self.server.root
        if root is None:
            return None
        rel = os.path.normpath(path.lstrip("/"))
        if rel.startswith(".."):
            return None
        full = os.path.join(root, rel)
        if os.path.isdir(full):
            if not path.endswith("/"):
                return None
            full = os.path.join(full, "index.html")
        try:
            with open(full, "rb") as f:
                return f.read()
        except OSError:
            return None

    def serve_file(self, path):
        root = self.server.root
        rel = os.path.normpath(path.lstrip("/")) if root else ""
        full = os.path.join(root, rel) if root else ""
        if root and os.path.isdir(full) and not path.endswith("/"):
            return self.send(301, b"", {"Location": path + "/"})
        body = self.file_bytes(path)
        if body is None:
            return self.send(404, b"not found\n")
        if os.path.isdir(full):
            full = os.path.join(full, "index.html")
        mtime = os.stat(full).st_mtime
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (inm is not None and inm == etag) or (inm is None and ims == last_modified):
            return self.send(304, b"", {"ETag": etag, "Last-Modified": last_modified}, length=0)
        ctype = "application/gzip" if path.endswith(".gz") else "text/html; charset=utf-8"
        if path.endswith("/raw"):
            ctype = "text/plain; charset=utf-8"
        self.send(200, body, {"Content-Type": ctype, "ETag": etag, "Last-Modified": last_modified})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--rule", action="append", default=[])
    p.add_argument("--log", help="append one JSON line per request to this file")
    p.add_argument("--tls", metavar="DIR", help="serve HTTPS with a fresh self-signed certificate made in DIR")
    a = p.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    server.daemon_threads = True
    server.root = a.root
    server.log_path = a.log
    server.rules = {}
    for r in a.rule:
        k, _, v = r.partition("=")
        server.rules[k] = v
    if a.tls:
        import ssl, subprocess
        cert, key = os.path.join(a.tls, "cert.pem"), os.path.join(a.tls, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1", "-keyout", key, "-out", cert],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print("port %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
