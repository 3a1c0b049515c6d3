#!/usr/bin/env python3
"""Checks the built documentation site (docs/_site) the way a reader sees it: in a real browser.

Every conceptual page is rendered with headless Chromium (``--dump-dom`` after the page's scripts ran, served
over a local HTTP server: the modern docfx template's ES modules do not load from file://) and the check fails
(exit 1, listing page and problem) if, after rendering, a page shows

* raw TeX outside code: ``$$``, ``\\(``, ``\\[``, a ``$…$`` pair around a TeX command, or a ``.math`` element
  that KaTeX did not typeset;
* an element with class ``katex-error``;
* a broken image: an <img> whose src is not a file of the site;
* a link to a missing local page or to an anchor that the target page does not have.

The API pages (api/) are not rendered (no TeX there); their links and images are checked in the static HTML.

Usage: /usr/bin/python3 docs/check-site.py [SITE_DIR] [--jobs N] [--chromium PATH]
Python standard library only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import functools
import html.parser
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

SKIP_TEXT_TAGS = {"pre", "code", "script", "style", "textarea", "noscript", "kbd", "samp", "template"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
             "track", "wbr"}
TEX_PAIR = re.compile(r"\$[^$\n]{0,400}?\\[A-Za-z]+[^$\n]{0,400}?\$")


class PageParser(html.parser.HTMLParser):
    """Collects links, images, ids, KaTeX errors and the text a reader sees outside code and typeset math."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hides text)
        self.hidden = 0
        self.links: list[str] = []
        self.images: list[str] = []
        self.ids: set[str] = set()
        self.katex_errors: list[str] = []
        self.unrendered_math = 0
        self.text: list[str] = []
        self._error_depth: int | None = None
        self._error_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img" and a.get("src") is not None:
            self.images.append(a["src"])
        if "math" in classes:
            self.unrendered_math += 1
        if tag in VOID_TAGS:
            return
        hides = tag in SKIP_TEXT_TAGS or "katex" in classes or "katex-display" in classes or "sk-math" in classes
        if "katex-error" in classes and self._error_depth is None:
            self._error_depth = len(self.stack)
            self._error_text = [a.get("title") or ""]
        self.stack.append((tag, hides))
        if hides:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        # Pop to the matching tag (tolerates unclosed elements in the serialised DOM).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, hides in self.stack[i:]:
                    if hides:
                        self.hidden -= 1
                del self.stack[i:]
                break
        if self._error_depth is not None and len(self.stack) <= self._error_depth:
            self.katex_errors.append(" ".join("".join(self._error_text).split())[:160])
            self._error_depth = None

    def handle_data(self, data):
        if self._error_depth is not None:
            self._error_text.append(data)
        if self.hidden == 0:
            self.text.append(data)


def parse(markup: str) -> PageParser:
    p = PageParser()
    p.feed(markup)
    p.close()
    return p


@functools.lru_cache(maxsize=None)
def static_ids(path: str) -> frozenset[str]:
    with open(path, encoding="utf-8", errors="replace") as f:
        return frozenset(parse(f.read()).ids)


def tex_problems(text: str) -> list[str]:
    problems = []
    flat = " ".join(text.split())
    for needle in ("$$", "\\(", "\\["):
        i = flat.find(needle)
        if i >= 0:
            problems.append(f"raw TeX delimiter {needle!r} near: …{flat[max(0, i - 40):i + 60]}…")
    m = TEX_PAIR.search(flat)
    if m:
        problems.append(f"raw TeX between $ signs: {m.group(0)[:100]}")
    return problems


def resolve(site: str, page: str, ref: str) -> tuple[str | None, str]:
    """Maps a link or image reference of `page` to (local file or None if external, fragment)."""
    ref = ref.strip()
    parsed = urllib.parse.urlsplit(ref)
    if parsed.scheme or parsed.netloc or ref.startswith("//"):
        return None, ""  # external (http, https, mailto, data, javascript, …): not checked here
    path = urllib.parse.unquote(parsed.path)
    if not path:
        return page, parsed.fragment
    if path.startswith("/"):
        target = os.path.join(site, path.lstrip("/"))
    else:
        target = os.path.join(os.path.dirname(page), path)
    target = os.path.normpath(target)
    if path.endswith("/") or os.path.isdir(target):
        target = os.path.join(target, "index.html")
    return target, parsed.fragment


def check_refs(site: str, page: str, parsed: PageParser) -> list[str]:
    problems = []
    for src in parsed.images:
        target, _ = resolve(site, page, src)
        if target is not None and not os.path.isfile(target):
            problems.append(f"broken image: {src}")
    for href in parsed.links:
        target, fragment = resolve(site, page, href)
        if target is None:
            continue
        if not os.path.isfile(target):
            problems.append(f"link to a missing page: {href}")
            continue
        if fragment and target.endswith(".html"):
            ids = parsed.ids | static_ids(target) if target == page else static_ids(target)
            if urllib.parse.unquote(fragment) not in ids:
                problems.append(f"link to a missing anchor: {href}")
    return problems


def render(chromium: str, url: str, profile: str) -> str:
    cmd = [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom", url]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=90, check=False)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"chromium exited with {out.returncode} and {len(out.stdout)} bytes of DOM")
    return out.stdout.decode("utf-8", errors="replace")


def serve(site: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=site, **k)

        def log_message(self, *_):
            pass

    Quiet.extensions_map = {**Quiet.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
                            ".json": "application/json", ".woff2": "font/woff2"}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", nargs="?", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "_site"))
    ap.add_argument("--jobs", type=int, default=2, help="pages rendered at once (default 2)")
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium")
                    or shutil.which("chromium-browser") or shutil.which("google-chrome"))
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    if not os.path.isfile(os.path.join(site, "index.html")):
        print(f"check-site: no built site at {site} (run: dotnet docfx docs/docfx.json)", file=sys.stderr)
        return 2
    if not args.chromium:
        print("check-site: chromium not found (apt-get install chromium, or pass --chromium)", file=sys.stderr)
        return 2

    pages = sorted(os.path.join(root, f) for root, _, files in os.walk(site) for f in files if f.endswith(".html"))
    rendered = [p for p in pages if not os.path.relpath(p, site).startswith("api" + os.sep)]
    static = [p for p in pages if p not in set(rendered)]
    server, base = serve(site)
    profiles = tempfile.mkdtemp(prefix="check-site-")
    local = threading.local()
    counter = iter(range(10 ** 6))
    lock = threading.Lock()

    def profile() -> str:
        if not hasattr(local, "dir"):
            with lock:
                local.dir = os.path.join(profiles, str(next(counter)))
        return local.dir

    def check_rendered(page: str) -> list[str]:
        url = base + urllib.parse.quote(os.path.relpath(page, site).replace(os.sep, "/"))
        try:
            dom = render(args.chromium, url, profile())
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            return [f"could not render: {e}"]
        parsed = parse(dom)
        problems = tex_problems("".join(parsed.text))
        if parsed.unrendered_math:
            problems.append(f"{parsed.unrendered_math} math element(s) not typeset (KaTeX did not run?)")
        problems += [f"katex-error: {e}" for e in parsed.katex_errors]
        return problems + check_refs(site, page, parsed)

    def check_static(page: str) -> list[str]:
        with open(page, encoding="utf-8", errors="replace") as f:
            return check_refs(site, page, parse(f.read()))

    failures: dict[str, list[str]] = {}
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = zip(rendered, pool.map(check_rendered, rendered))
            for page, problems in list(results) + [(p, check_static(p)) for p in static]:
                if problems:
                    failures[os.path.relpath(page, site)] = problems
    finally:
        server.shutdown()
        shutil.rmtree(profiles, ignore_errors=True)

    for page, problems in sorted(failures.items()):
        for problem in dict.fromkeys(problems):
            print(f"{page}: {problem}")
    print(f"check-site: {len(rendered)} pages rendered in Chromium, {len(static)} API pages checked statically, "
          f"{sum(len(dict.fromkeys(v)) for v in failures.values())} problem(s) on {len(failures)} page(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
