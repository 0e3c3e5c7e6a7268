"""A plain static file server over TLS: what an institution's own web server would be.

    python tests/static_tls_server.py --root DIR --cert C --key K --bind ADDR --port 443

Serves files by path with the media types ``export_public_documents``' README asks for
(``status/*`` as ``application/vc``, ``did.json`` as ``application/did+json``, the rest as
``application/ld+json``) and an open CORS header. Nothing Microcred runs behind it.
"""

from __future__ import annotations

import argparse
import ssl
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class Handler(SimpleHTTPRequestHandler):
    def guess_type(self, path: str | object) -> str:
        text = str(path)
        if "/status/" in text:
            return "application/vc"
        if text.endswith("did.json"):
            return "application/did+json"
        if text.endswith(".txt"):
            return "text/plain"
        return "application/ld+json"

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("--root", "--cert", "--key", "--bind"):
        parser.add_argument(name, required=True)
    parser.add_argument("--port", type=int, default=443)
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.bind, args.port), partial(Handler, directory=args.root))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print("serving", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
