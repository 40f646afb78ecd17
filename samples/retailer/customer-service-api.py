#!/usr/bin/env python3
"""The sample controller's customer-service API: serves customer-service.json on 127.0.0.1.

GET /api/tickets?customer_email=ADDRESS&page=N&per_page=M  ->  {"items": [...], "next": CURSOR}
with `Authorization: Bearer TOKEN` (the token from --token or $CS_API_TOKEN). Paging by page
(page, per_page), by offset (offset, limit) or by cursor (cursor, limit; the answer's "next" is
absent on the last page).

For tests: --fail-first N answers the first N requests with 503 (Retry-After: 0);
--delay-seconds S waits S seconds before every answer; --exit-with-parent stops the server
when the process that started it ends. Prints "listening on PORT" when ready
(use --port 0 for a free port). Logs nothing about requests.
"""
import argparse, json, os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "customer-service.json"))
    parser.add_argument("--token", default=os.environ.get("CS_API_TOKEN", "sample-token"))
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--delay-seconds", type=float, default=0)
    parser.add_argument("--exit-with-parent", action="store_true", help="stop when the process that started this one ends")
    args = parser.parse_args()
    if args.exit_with_parent:
        import threading
        parent = os.getppid()
        def watch():
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
    tickets = json.load(open(args.data, encoding="utf-8"))["tickets"]
    state = {"failures_left": args.fail_first, "requests": 0}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_):
            pass

        def answer(self, status, body, headers=()):
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            state["requests"] += 1
            if args.delay_seconds:
                time.sleep(args.delay_seconds)
            if state["failures_left"] > 0:
                state["failures_left"] -= 1
                return self.answer(503, {"error": "busy"}, [("Retry-After", "0")])
            if self.headers.get("Authorization") != "Bearer " + args.token:
                return self.answer(401, {"error": "unauthorized"})
            url = urlparse(self.path)
            if url.path == "/api/stats":
                return self.answer(200, {"requests": state["requests"]})
            if url.path != "/api/tickets":
                return self.answer(404, {"error": "not found"})
            query = parse_qs(url.query)
            email = (query.get("customer_email") or [""])[0].lower()
            size = int((query.get("per_page") or query.get("limit") or ["100"])[0])
            if "offset" in query:
                start = int(query["offset"][0])
            elif "cursor" in query:
                start = int(query["cursor"][0].lstrip("c"))
            else:
                start = (int((query.get("page") or ["1"])[0]) - 1) * size
            matching = [t for t in tickets if t["customer_email"].lower() == email]
            body = {"items": matching[start:start + size]}
            if start + size < len(matching):
                body["next"] = "c%d" % (start + size)
            return self.answer(200, body)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("listening on %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass

if __name__ == "__main__":
    main()
