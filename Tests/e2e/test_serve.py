"""`mosaic serve`: live changes, reload events, the error page, and a clean stop on Ctrl-C."""
import http.client
import shutil
import signal
import socket
import subprocess
import threading
import time

from conftest import FIXTURES, mosaic_binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


class EventListener(threading.Thread):
    """Reads the Server-Sent Events stream and records every reload event."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port, self.reloads = port, []

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", "/__mosaic/events")
        response = connection.getresponse()
        assert response.getheader("Content-Type").startswith("text/event-stream")
        while True:
            line = response.fp.readline()
            if not line:
                return
            if line.startswith(b"event: reload"):
                self.reloads.append(time.monotonic())


def test_serve_rebuilds_reloads_shows_errors_and_stops(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", site)
    port = free_port()
    server = subprocess.Popen([mosaic_binary(), "serve", "--source", str(site), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_until(lambda: _reachable(port), 30), "server did not start"
        status, page = get(port, "/en/notes/second-note/")
        assert status == 200 and "Second note" in page and "EventSource" in page
        assert get(port, "/en/notes/second-note")[0] == 301
        assert get(port, "/%2e%2e/%2e%2e/etc/passwd")[0] == 400
        listener = EventListener(port)
        listener.start()
        time.sleep(0.3)

        document = site / "content" / "notes" / "second-note.md"
        original = document.read_text(encoding="utf-8")
        edited_at = time.monotonic()
        document.write_text(original.replace("title: Second note", "title: Second note, edited"), encoding="utf-8")
        assert wait_until(lambda: "Second note, edited" in get(port, "/en/notes/second-note/")[1], 2.0)
        assert wait_until(lambda: listener.reloads and listener.reloads[-1] > edited_at, 2.0), "no reload event"

        document.write_text(original.replace("---\ntitle", "---\ntitle: [broken\ntitle", 1), encoding="utf-8")
        assert wait_until(lambda: get(port, "/en/notes/second-note/")[0] == 500, 2.0)
        status, error_page = get(port, "/en/notes/second-note/")
        assert "Build failed" in error_page and "content/notes/second-note.md:" in error_page

        document.write_text(original, encoding="utf-8")
        assert wait_until(lambda: get(port, "/en/notes/second-note/")[0] == 200, 2.0)
        assert not (site / "public").exists(), "serve must never write the output folder"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            raise AssertionError("serve did not stop on Ctrl-C")
    assert server.returncode == 0, server.stdout.read()


def _reachable(port: int) -> bool:
    try:
        return get(port, "/")[0] in (200, 404)
    except OSError:
        return False
