#!/usr/bin/env python3
"""Lays out a porta/1 page (data/index.html) in Debian's headless Chromium at a given width,
measures it in the browser through the DevTools protocol (over --remote-debugging-pipe, so the
page's own Content-Security-Policy stays in force: nothing is injected into it), and optionally
writes a full-page screenshot.

Prints one JSON object: width (the viewport's), overflowing (elements outside a scroll box that
reach past the viewport), documentScrollsSideways, text (the page's visible text),
brokenPictures (pictures that did not load).

Usage: scripts/page-check.py PAGE WIDTH [SCREENSHOT.png]
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile

MEASURE = """(() => {
  const width = document.documentElement.clientWidth;
  const overflowing = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.parentElement && element.parentElement.closest('.scroll')) continue;
    const box = element.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5))
      overflowing.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : ''));
  }
  const broken = [...document.images].filter(image => !image.complete || image.naturalWidth === 0).length;
  return { width, overflowing, documentScrollsSideways: document.documentElement.scrollWidth > width,
           text: document.body.innerText, brokenPictures: broken,
           height: document.documentElement.scrollHeight };
})()"""


class Browser:
    def __init__(self):
        binary = "/usr/lib/chromium/chromium" if os.access("/usr/lib/chromium/chromium", os.X_OK) else shutil.which("chromium")
        if not binary:
            sys.exit("page-check: chromium is not installed (scripts/setup.sh installs it)")
        self.profile = tempfile.mkdtemp(prefix="porta-chromium-")
        to_chrome_read, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_write = os.pipe()

        def wire():
            # Through fresh numbers first: a pipe may already sit at 3 or 4, and dup2 onto itself
            # would leave it close-on-exec.
            read_end, write_end = os.dup(to_chrome_read), os.dup(from_chrome_write)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [binary, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--user-data-dir=" + self.profile, "about:blank"],
            # The pipes become fds 3 and 4 in the child (dup2 makes them inheritable); nothing else passes.
            close_fds=False, preexec_fn=wire,
            stdout=subprocess.DEVNULL, stderr=None if os.environ.get("PAGE_CHECK_DEBUG") else subprocess.DEVNULL)
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self.next_id = 0
        self.buffer = b""
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session):
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[index]
                    return event
            self.events.append(self.receive())

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    page, width = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    browser = Browser()
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}, session)
        browser.send("Page.enable", {}, session)
        browser.send("Page.navigate", {"url": "file://" + page}, session)
        browser.wait_for("Page.loadEventFired", session)
        result = browser.send("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session)["result"]["value"]
        if len(sys.argv) == 4:
            height = min(result["height"], int(os.environ.get("PAGE_CHECK_MAX_HEIGHT", "16000")))
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}, session)
            shot = browser.send("Page.captureScreenshot", {"format": "png"}, session)
            with open(sys.argv[3], "wb") as out:
                out.write(base64.b64decode(shot["data"]))
        del result["height"]
        print(json.dumps(result, ensure_ascii=False))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
