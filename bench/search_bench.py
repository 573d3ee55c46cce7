#!/usr/bin/env python3
"""Search benchmark: Mosaic's index against Pagefind's on the same built site.

python3 bench/search_bench.py SITE_OUTPUT [--query WORD] [--language en] [--runs 5]

SITE_OUTPUT is a site Mosaic built (e.g. from `bench/generate.py --documents 10000`). The script
runs Pagefind (`pagefind_bin` from PyPI) over a copy of the same HTML, then prints side by side:
index size on disk, number of index files, indexing time, and — in headless Chromium over
http://127.0.0.1 — the bytes a browser downloads to show the first page of results (10 for both) for
a one-word query (manifest, chunks and excerpts), raw and as a host that gzips its responses would send
them (Pagefind's pf_* files are gzip already and count as they are), all search bytes including the
search scripts loaded with the page, and the time from keystroke to rendered results (timed inside the
page for both, median of --runs fresh browser contexts). Sites are served by nginx when it is
installed (a static server like a host's), else by Python's keep-alive server.
"""
import argparse
import functools
import gzip
import http.server
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from playwright.sync_api import sync_playwright


def folder_size(folder: pathlib.Path):
    files = [path for path in folder.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every real static host has (HTTP/1.0 would open a connection per file).
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass


class PythonServer:
    """Python's threading HTTP server on a free port (the fallback when nginx is not installed)."""

    def __init__(self, root: pathlib.Path):
        handler = functools.partial(QuietHandler, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self):
        self.server.shutdown()


class NginxServer:
    """nginx (Debian's package) serving the folder: a real static server, as a host would use."""

    def __init__(self, root: pathlib.Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="search-bench-nginx-"))
        config = self.folder / "nginx.conf"
        config.write_text(f"""daemon off; worker_processes 1; pid {self.folder}/nginx.pid; error_log {self.folder}/error.log;
events {{}}
http {{ access_log off; include /etc/nginx/mime.types; default_type application/octet-stream;
  client_body_temp_path {self.folder};
  server {{ listen 127.0.0.1:{port}; root {root}; }} }}
""", encoding="utf-8")
        self.process = subprocess.Popen(["nginx", "-c", str(config)], stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def serve(root: pathlib.Path):
    """nginx when installed (`apt-get install nginx-light`), else Python's server."""
    return NginxServer(root) if shutil.which("nginx") else PythonServer(root)


PAGEFIND_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>pagefind</title></head><body>
<input id="q"><ol id="results"></ol>
<script type="module">
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.options({ excerptLength: 30 });
window.runSearch = async (word) => {
  const search = await pagefind.search(word);
  const shown = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  const list = document.getElementById("results");
  list.replaceChildren(...shown.map(d => { const li = document.createElement("li"); li.textContent = d.meta.title + " " + d.excerpt; return li; }));
  return search.results.length;
};
window.pagefindReady = true;
</script></body></html>"""


MOSAIC_TIMER = """
window.__typed = null; window.__shown = null;
document.getElementById('mosaic-search-q').addEventListener('input', () => { window.__typed = performance.now(); });
new MutationObserver(() => {
  if (window.__shown === null && document.querySelector('#mosaic-search-results li')) window.__shown = performance.now();
}).observe(document.getElementById('mosaic-search-results'), { childList: true });
"""


def body_of(response) -> bytes:
    """A response's body as received; empty for those without one (redirects, failures)."""
    try:
        return response.body()
    except Exception:
        return b""


def gzip_served(body: bytes) -> int:
    """Bytes on the wire from a host that gzips responses: gzip bodies (Pagefind's pf_* files) as they are."""
    if not body or body.startswith(b"\x1f\x8b"):
        return len(body)
    return len(gzip.compress(body))


def is_mosaic_search(url: str) -> bool:
    """Mosaic's index files (search/<lang>/…) and its client script, not the search page itself."""
    path = urllib.parse.urlparse(url).path
    return ("/search/" in path and not path.endswith((".html", "/"))) or path.endswith("search.js")


def is_pagefind_search(url: str) -> bool:
    """Pagefind's scripts, WebAssembly and index files."""
    return "/pagefind/" in urllib.parse.urlparse(url).path


def measure(browser, base: str, path: str, action, is_search) -> dict:
    """Bytes received (all requests; the query's, raw and gzip-served; search files, raw) and
    milliseconds from the keystroke to rendered results."""
    context = browser.new_context()
    page = context.new_page()
    received = []
    page.on("response", lambda response: received.append(response))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    before = len(received)
    elapsed = action(page)
    page.wait_for_load_state("networkidle")
    bodies = [(response.url, body_of(response)) for response in received]
    context.close()
    query = [body for _, body in bodies[before:]]
    return {
        "total": sum(len(body) for _, body in bodies),
        "query": sum(len(body) for body in query),
        "query_gzip": sum(gzip_served(body) for body in query),
        "search": sum(len(body) for url, body in bodies if is_search(url)),
        "ms": elapsed,
    }


def repeated(runs: int, run) -> dict:
    """Runs a measurement `runs` times (each in a fresh browser context, so nothing is cached):
    bytes from the first run (they do not vary), the median time and its range."""
    results = [run() for _ in range(max(1, runs))]
    times = [result["ms"] for result in results]
    return dict(results[0], ms=statistics.median(times), ms_min=min(times), ms_max=max(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=pathlib.Path)
    parser.add_argument("--query", default="partnership")
    parser.add_argument("--language", default="en")
    parser.add_argument("--runs", type=int, default=5, help="timed searches per tool (median reported)")
    arguments = parser.parse_args()
    site = arguments.site.resolve()
    work = site.parent / (site.name + "-pagefind")
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(site, work, ignore=shutil.ignore_patterns("search"))
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(work), "--quiet"], check=True)
    pagefind_seconds = time.monotonic() - started
    (work / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")

    mosaic_size, mosaic_files = folder_size(site / "search")
    pagefind_size, pagefind_files = folder_size(work / "pagefind")
    mosaic_server, pagefind_server = serve(site), serve(work)
    word = arguments.query
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])

        def mosaic_action(page):
            # Timed inside the page, like Pagefind's: from the input event to the results' insertion
            # into the list, minus the client's 100 ms typing debounce.
            page.wait_for_function("typeof window.__mosaicSearch === 'function'")
            page.evaluate(MOSAIC_TIMER)
            page.fill("#mosaic-search-q", word)
            page.wait_for_function("window.__shown !== null", timeout=20000)
            return page.evaluate("window.__shown - window.__typed") - 100

        def pagefind_action(page):
            page.wait_for_function("window.pagefindReady === true")
            return page.evaluate("async (w) => { const t = performance.now(); await window.runSearch(w); return performance.now() - t; }", word)

        mosaic_base = mosaic_server.base
        pagefind_base = pagefind_server.base
        mosaic = repeated(arguments.runs, lambda: measure(browser, mosaic_base, f"{arguments.language}/search/index.html",
                                                          mosaic_action, is_mosaic_search))
        pagefind = repeated(arguments.runs, lambda: measure(browser, pagefind_base, "pagefind-bench.html",
                                                            pagefind_action, is_pagefind_search))
        browser.close()
    mosaic_server.stop()
    pagefind_server.stop()

    print(f"query: {word!r}, language {arguments.language}, site {site}, served by {type(mosaic_server).__name__}")
    print(f"{'':38}{'Mosaic':>14}{'Pagefind':>14}{'ratio':>8}")
    rows = [
        ("index size on disk (KB)", mosaic_size / 1024, pagefind_size / 1024),
        ("index files", mosaic_files, pagefind_files),
        ("bytes for the query (KB, search only)", mosaic["query"] / 1024, pagefind["query"] / 1024),
        ("bytes for the query, gzip-served (KB)", mosaic["query_gzip"] / 1024, pagefind["query_gzip"] / 1024),
        ("search bytes with scripts (KB, raw)", mosaic["search"] / 1024, pagefind["search"] / 1024),
        ("time to results (ms, median)", mosaic["ms"], pagefind["ms"]),
    ]
    for label, mine, theirs in rows:
        print(f"{label:38}{mine:>14.1f}{theirs:>14.1f}{(mine / theirs if theirs else 0):>8.2f}")
    print(f"{'time to results, min-max (ms)':38}{mosaic['ms_min']:>7.0f}-{mosaic['ms_max']:<6.0f}{pagefind['ms_min']:>7.0f}-{pagefind['ms_max']:<6.0f}")
    print(f"{'page + search bytes (KB, all requests)':38}{mosaic['total'] / 1024:>14.1f}{pagefind['total'] / 1024:>14.1f}")
    print(f"Pagefind indexing: {pagefind_seconds:.2f} s (Mosaic's search stage is in its --verbose 'assets' timing)")


if __name__ == "__main__":
    main()
