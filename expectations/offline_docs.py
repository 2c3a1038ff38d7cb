"""Make the GX Data Docs site work offline, and name the editions a validation checked.

Why: GX 1.x templates load jQuery, Bootstrap, bootstrap-table, Font Awesome and
Vega from public CDNs; offline (or where those hosts are blocked) the index
lists nothing, since its tables are drawn by bootstrap-table. After GX writes
the site, `localize()` copies local assets into `<site>/static/vendor/` and
rewrites each page to load them, dropping every other remote stylesheet or
script, so a page never waits on the network. Local assets, first found wins:

- jQuery, Bootstrap 4 CSS/JS and Popper from the XStatic packages when
  installed, else from Debian's libjs-jquery / libjs-bootstrap4 / libjs-popper.js;
- bootstrap-table: expectations/static/bootstrap-table-lite.js, a small
  stand-in written for these pages (no package ships bootstrap-table).

Without a local jQuery the pages are left as GX wrote them (online they work).
Charts (Vega) and icons (Font Awesome) are not rendered offline.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
VENDOR = Path("static") / "vendor"


def _xstatic(module: str, *parts: str) -> Path | None:
    try:
        package = __import__(f"xstatic.pkg.{module}", fromlist=["BASE_DIR"])
    except ImportError:
        return None
    return Path(package.BASE_DIR, *parts)


# local file name -> candidate sources, in order of preference
SOURCES: dict[str, list[Path | None]] = {
    "jquery.min.js": [_xstatic("jquery", "jquery.min.js"), Path("/usr/share/javascript/jquery/jquery.min.js")],
    "bootstrap.min.css": [Path("/usr/share/javascript/bootstrap4/css/bootstrap.min.css")],
    "bootstrap.min.js": [Path("/usr/share/javascript/bootstrap4/js/bootstrap.min.js")],
    "popper.min.js": [Path("/usr/share/nodejs/popper.js/dist/umd/popper.min.js")],
    "bootstrap-table-lite.js": [HERE / "static" / "bootstrap-table-lite.js"],
    "bootstrap-table-lite.css": [HERE / "static" / "bootstrap-table-lite.css"],
}

# What GX's templates load (URL without query) -> the local file standing in for it.
CDN_TO_LOCAL = {
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table-lite.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table-lite.css",
}

_TAG = re.compile(
    r"<script\b[^>]*\bsrc=\"(?P<src>https?://[^\"]+)\"[^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref=\"(?P<href>https?://[^\"]+)\"[^>]*/?>",
    re.IGNORECASE,
)

_REMOTE_IMG = re.compile(r'src="https?://[^"]*/(?P<name>[\w.-]+\.(?:png|svg|gif|ico))(?:\?[^"]*)?"', re.IGNORECASE)
_REMOTE_CSS_URL = re.compile(r"url\(['\"]?https?://[^)]*\)", re.IGNORECASE)


def available_assets() -> dict[str, Path]:
    """The local files found for each asset name."""
    found = {}
    for name, candidates in SOURCES.items():
        for path in candidates:
            if path is not None and path.is_file():
                found[name] = path
                break
    return found


def _rewrite(html: str, prefix: str, assets: dict[str, Path]) -> str:
    def replace(match: re.Match) -> str:
        url = match.group("src") or match.group("href")
        local = CDN_TO_LOCAL.get(url.split("?")[0])
        if local is None or local not in assets:
            return ""  # a remote asset with no local copy: drop it rather than wait on the network
        tag = match.group(0).replace(url, prefix + local)
        return re.sub(r'\s(integrity|crossorigin)="[^"]*"', "", tag)

    html = _TAG.sub(replace, html)
    # GX's logo is fetched from its web-assets bucket with the context id in the
    # query (a tracking pixel): use the copy GX ships in the site instead.
    html = _REMOTE_IMG.sub(lambda m: f'src="{prefix}../images/{m.group("name")}"', html)
    return _REMOTE_CSS_URL.sub("none", html)


def localize(site_dir: Path, since: datetime | None = None) -> int:
    """Copy the assets into the site and point its pages at them; returns the pages rewritten.

    since: only pages written from then on (a checkpoint run passes its start): the
    pages of earlier runs were rewritten by their own run, and reading the whole
    site every run made its cost grow with the history.
    """
    assets = available_assets()
    if "jquery.min.js" not in assets or not site_dir.is_dir():
        log.warning("Data Docs keep their CDN assets: no local jQuery (install XStatic-jQuery or libjs-jquery)")
        return 0
    vendor = site_dir / VENDOR
    vendor.mkdir(parents=True, exist_ok=True)
    for name, source in assets.items():
        target = vendor / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)
    rewritten = 0
    newer_than = since.timestamp() - 2.0 if since is not None else None  # 2 s: coarse file-system clocks
    for page in site_dir.rglob("*.html"):
        if newer_than is not None and page.stat().st_mtime < newer_than:
            continue
        html = page.read_text("utf-8")
        prefix = Path(os.path.relpath(vendor, page.parent)).as_posix() + "/"
        new = _rewrite(html, prefix, assets)
        if new != html:
            page.write_text(new, "utf-8")
            rewritten += 1
    return rewritten


EDITIONS_OF_RUN_SQL = "select min(edition_date), max(edition_date) from raw.editions where run_id = %s"
LATEST_EDITION_SQL = "select max(edition_date) from raw.editions where status = 'complete'"


def edition_label(conn, data_run_id: str | None) -> str:
    """Which editions a validation checked: those the run staged, else data up to the latest complete edition."""
    if data_run_id:
        first, last = conn.execute(EDITIONS_OF_RUN_SQL, (data_run_id,)).fetchone()
        if first is not None:
            return f"editions {first}" if first == last else f"editions {first}..{last}"
    (latest,) = conn.execute(LATEST_EDITION_SQL).fetchone()
    return f"editions up to {latest}" if latest is not None else "no complete edition yet"
