"""A minimal Chrome DevTools Protocol client for headless Chromium (Debian's `chromium`).

Why not selenium or playwright: neither is in the main lock, and playwright
downloads its own browser. The protocol over one websocket (the `websockets`
package is in the lock) is all the browser tests need: open a page, type,
read the DOM, watch network responses, take a screenshot.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1600,1200",
]


def chromium_binary() -> str | None:
    """Debian's chromium, if installed (never a downloaded browser)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


# What Chrome answers a script sent while the page is between documents (a click just navigated it):
# not a failure of the page, only "ask again".
NAVIGATING = ("Inspected target navigated or closed", "Execution context was destroyed",
              "Cannot find context with specified id")


def _raise_unless_navigating(exc: RuntimeError) -> None:
    """Re-raise `exc` unless it is Chrome's answer for a page between documents."""
    if not any(sign in str(exc) for sign in NAVIGATING):
        raise exc


class Browser:
    """One headless Chromium with one page, driven over CDP (flattened sessions)."""

    def __init__(self, extra_flags: list[str] | None = None, timeout: float = 60.0) -> None:
        binary = chromium_binary()
        if binary is None:
            raise RuntimeError("chromium is not installed (apt-get install -y chromium)")
        self.profile = Path(tempfile.mkdtemp(prefix="xiangmu-chromium-"))
        self.process = subprocess.Popen(
            [binary, *FLAGS, *(extra_flags or []), f"--user-data-dir={self.profile}",
             "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        # Entered as a context (websockets 17 warns otherwise); close() exits it.
        self.ws = connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=timeout).__enter__()
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable")

    # --- protocol
    def call(self, method: str, session: str | None = None, timeout: float = 60.0, **params: Any) -> dict:
        """Send a command and wait for its result; events that arrive meanwhile are kept."""
        message_id = next(self.ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def send(self, method: str, **params: Any) -> dict:
        """A command in the page's session."""
        return self.call(method, session=self.session, **params)

    def pump(self, seconds: float) -> None:
        """Collect events for a while."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self.events.append(json.loads(self.ws.recv(timeout=left)))
            except TimeoutError:
                return

    # --- page helpers
    def navigate(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", url=url)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 60.0, what: str = "condition") -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = predicate()
            except RuntimeError as exc:  # the page was between documents: ask again once it has one
                _raise_unless_navigating(exc)
                value = None
            if value:
                return value
            self.pump(0.5)
        raise TimeoutError(f"timed out waiting for {what}")

    def click_until(self, selector: str, predicate: Callable[[], Any], what: str,
                    attempts: int = 4, every: float = 20.0) -> Any:
        """Click an element until predicate holds, clicking again when nothing happened.

        Why: on a loaded machine a page can show an element before its script
        attached the click handler; one click then does nothing and a single
        long wait times out (seen in CI). A user clicks again; so does this.
        """
        for _ in range(attempts):
            # The element may be gone already: the last click worked and the page is navigating.
            try:
                self.evaluate(f"document.querySelector({json.dumps(selector)})?.click()")
            except RuntimeError as exc:
                _raise_unless_navigating(exc)
            try:
                return self.wait_for(predicate, timeout=every, what=what)
            except TimeoutError:
                continue
        raise TimeoutError(f"timed out waiting for {what} after {attempts} clicks on {selector}")

    def type_into(self, selector: str, text: str) -> None:
        """Focus a field and type as a user would (React sees real input events)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)

    def press_enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                      windowsVirtualKeyCode=13, nativeVirtualKeyCode=13, text="\r" if kind == "keyDown" else "")

    def responses(self, url_part: str) -> list[dict]:
        """Finished responses whose URL contains url_part: url, status, body."""
        finished = {e["params"]["requestId"] for e in self.events if e.get("method") == "Network.loadingFinished"}
        out = []
        for event in self.events:
            if event.get("method") != "Network.responseReceived":
                continue
            params = event["params"]
            if url_part not in params["response"]["url"] or params["requestId"] not in finished:
                continue
            body = self.send("Network.getResponseBody", requestId=params["requestId"])
            text = base64.b64decode(body["body"]).decode() if body.get("base64Encoded") else body["body"]
            out.append({"url": params["response"]["url"], "status": params["response"]["status"], "body": text})
        return out

    def failed_requests(self) -> list[str]:
        """URLs whose loading failed (blocked, refused, not found on the network)."""
        urls = {e["params"]["requestId"]: e["params"]["request"]["url"]
                for e in self.events if e.get("method") == "Network.requestWillBeSent"}
        return [urls.get(e["params"]["requestId"], "?") for e in self.events
                if e.get("method") == "Network.loadingFailed"]

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
