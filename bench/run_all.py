"""All benchmarks (not tests): parse time, scrape throughput, extraction rate.

Usage: .venv/bin/python bench/run_all.py [--repeat N] [--extract-n N]   (what `make bench` runs)

(a) parse: every sample node page and article page, parsed N times with the real
    parsers; ms per page, per paper and kind.
(b) scrape: every sample edition (both papers, current and older system) staged
    over real HTTP from the local archive into a throwaway embedded PostgreSQL,
    politeness off (min_interval=0): pages/s, articles/s, MB/s; then one edition
    with the default 1 request/s/host, to show what politeness costs.
(c) extract: articles/s of the extractor (bench/bench_extract.py).
(d) hostile: extraction ms per KB on hostile shapes at 1, 4, 16, 64 KB and 1 MB
    (bench/bench_hostile.py); must stay flat, and under 1 s for 64 KB or less.
(e)-(h), (j) backfill: the floor, a year of synthetic editions through Airflow, daily runs
    on an empty warehouse, on that year and on 5 years of history, politeness on
    (bench/bench_backfill.py).
(i) data docs: one GX checkpoint run with 5 years of stored validation results,
    retention on and off, against an empty store (bench/bench_data_docs.py).

Prints a compact table and writes .state/bench/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scrapers.registry import get_source
from xiangmu.local.sample_server import DEFAULT_ROOT

ROOT = Path(__file__).resolve().parent.parent

MANIFEST = json.loads((DEFAULT_ROOT / "manifest.json").read_text("utf-8"))
PAPERS = ("sjzrb", "hbrb")


def _sample_files(paper: str) -> dict[str, list[Path]]:
    base = DEFAULT_ROOT / paper
    node = [p for p in base.rglob("node_*.htm*")]
    # index.html files are the sites' entry redirects (to today's layout page), neither a node nor an article
    article = [p for p in base.rglob("*.htm*") if p not in node and p.name != "index.html"]
    return {"node": sorted(node), "article": sorted(article)}


def bench_parse(repeat: int) -> list[dict]:
    rows = []
    for paper in PAPERS:
        source = get_source(paper)
        for kind, paths in _sample_files(paper).items():
            docs = [("http://127.0.0.1:1/" + str(p.relative_to(DEFAULT_ROOT)), p.read_text("utf-8")) for p in paths]
            parse = source.parse_page if kind == "node" else source.parse_article
            for url, html in docs:  # warm-up, and every sample page must parse
                parse(html, url)
            t0 = time.perf_counter()
            for _ in range(repeat):
                for url, html in docs:
                    parse(html, url)
            elapsed = time.perf_counter() - t0
            n = repeat * len(docs)
            rows.append({"paper": paper, "kind": kind, "pages": len(docs), "parses": n,
                         "ms_per_page": 1000 * elapsed / n,
                         "avg_kb": sum(len(h.encode()) for _, h in docs) / len(docs) / 1024})
    return rows


def _editions() -> list[tuple[str, dt.date]]:
    out = []
    for paper in PAPERS:
        p = MANIFEST["papers"][paper]
        out += [(paper, dt.date.fromisoformat(d)) for d in p["edition_dates"] + p["old_system_dates"]]
    return out


def bench_scrape() -> dict:
    state = Path(tempfile.mkdtemp(prefix="xiangmu-bench-"))
    os.chmod(state, 0o755)  # the embedded server may run as another user (pgserver, when root)
    os.environ["XIANGMU_STATE_DIR"] = str(state)
    os.environ.pop("WAREHOUSE_URL", None)
    from scrapers.http import PoliteClient
    from xiangmu.load.raw import stage_edition
    from xiangmu.local.sample_server import serve_archive
    from xiangmu.warehouse import connect, embedded, ensure_schema

    pgdata = state / "pgdata"
    url = embedded.start(pgdata)
    server, base = serve_archive(DEFAULT_ROOT)
    try:
        with connect(url, autocommit=True) as conn:
            ensure_schema(conn)
            editions = _editions()
            with PoliteClient(min_interval=0.0, max_concurrency=4) as client:
                t0 = time.perf_counter()
                outcomes = [stage_edition(conn, get_source(p), d, base_url=f"{base}/{p}", client=client,
                                          run_id="bench", force=True) for p, d in editions]
                fast_s = time.perf_counter() - t0
            bad = [o.as_dict() for o in outcomes if o.status != "complete"]
            if bad:
                raise SystemExit(f"bench scrape: editions not complete: {bad}")
            pages = sum(o.pages for o in outcomes)
            articles = sum(o.articles for o in outcomes)
            requests_made = len(server.state.log)
            # Bytes on the wire: what the server sent for the fetched pages and articles.
            sent = sum(
                (DEFAULT_ROOT / r.path.lstrip("/")).stat().st_size
                for r in server.state.log if r.status == 200 and re.search(r"\.html?$", r.path)
            )
            # One edition with the default politeness (1 request/s/host).
            paper, day = "sjzrb", dt.date(2023, 8, 7)
            server.state.clear()
            with PoliteClient(min_interval=1.0) as client:
                t0 = time.perf_counter()
                polite = stage_edition(conn, get_source(paper), day, base_url=f"{base}/{paper}", client=client,
                                       run_id="bench-polite", force=True)
                polite_s = time.perf_counter() - t0
            polite_requests = len(server.state.log)
            with PoliteClient(min_interval=0.0) as client:
                server.state.clear()
                t0 = time.perf_counter()
                stage_edition(conn, get_source(paper), day, base_url=f"{base}/{paper}", client=client,
                              run_id="bench-fast", force=True)
                same_fast_s = time.perf_counter() - t0
    finally:
        server.shutdown()
        server.server_close()
        embedded.stop(pgdata)
    return {
        "editions": len(editions), "pages": pages, "articles": articles, "requests": requests_made,
        "megabytes": sent / 1e6, "seconds": fast_s,
        "pages_per_s": pages / fast_s, "articles_per_s": articles / fast_s,
        "requests_per_s": requests_made / fast_s, "mb_per_s": sent / 1e6 / fast_s,
        "polite_edition": {"paper": paper, "date": day.isoformat(), "status": polite.status,
                           "pages": polite.pages, "articles": polite.articles, "requests": polite_requests,
                           "seconds_at_1_req_per_s": polite_s, "seconds_politeness_off": same_fast_s},
    }


def bench_extract(n: int) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_extract.py"), str(n)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    cpu = re.search(r"(\d+) articles/second \(CPU\)", out)
    wall = re.search(r"(\d+) articles/second \(wall\)", out)
    return {"articles": n, "articles_per_s_cpu": int(cpu.group(1)) if cpu else None,
            "articles_per_s_wall": int(wall.group(1)) if wall else None, "output": out.strip()}


def bench_hostile(with_mb: bool) -> dict:
    cmd = [sys.executable, str(ROOT / "bench" / "bench_hostile.py"), "--json", *([] if with_mb else ["--no-mb"])]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode not in (0, 1) or not lines:  # 1: ran, but a target was missed
        raise SystemExit(f"bench hostile failed:\n{proc.stderr[-2000:]}")
    result = json.loads(lines[-1])
    result["table"] = "\n".join(lines[:-1])
    return result


def bench_data_docs(years: float) -> dict:
    """(i) in its own process: it points XIANGMU_STATE_DIR and the GX context at a throwaway state."""
    cmd = [sys.executable, str(ROOT / "bench" / "bench_data_docs.py"), "--years", str(years)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"bench_data_docs failed ({proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    lines = proc.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    result["table"] = "\n".join(line for line in lines[:-1] if line.startswith(("(i)", "    ")))
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=50, help="parses of each sample page (default 50)")
    ap.add_argument("--extract-n", type=int, default=3000, help="synthetic articles for (c) (default 3000)")
    ap.add_argument("--hostile-no-mb", action="store_true", help="skip the 1 MB inputs of (d)")
    ap.add_argument("--docs-years", type=float, default=5.0,
                    help="years of stored validation results for (i), the GX checkpoint cost (default 5; 0 skips)")
    ap.add_argument("--backfill-days", type=int, default=365,
                    help="synthetic days for (e)-(g), the backfill through Airflow (default 365; 0 skips)")
    args = ap.parse_args()

    parse = bench_parse(args.repeat)
    print(f"(a) parse time, {args.repeat} parses of every sample page")
    print(f"    {'paper':<6} {'kind':<8} {'pages':>5} {'avg KB':>7} {'ms/page':>8}")
    for r in parse:
        print(f"    {r['paper']:<6} {r['kind']:<8} {r['pages']:>5} {r['avg_kb']:>7.1f} {r['ms_per_page']:>8.2f}")

    scrape = bench_scrape()
    s, p = scrape, scrape["polite_edition"]
    print(f"(b) scrape + stage, politeness off: {s['editions']} editions, {s['pages']} pages, "
          f"{s['articles']} articles, {s['requests']} requests, {s['megabytes']:.2f} MB in {s['seconds']:.2f} s")
    print(f"    {s['pages_per_s']:.1f} pages/s  {s['articles_per_s']:.1f} articles/s  "
          f"{s['requests_per_s']:.1f} requests/s  {s['mb_per_s']:.3f} MB/s")
    print(f"    one edition ({p['paper']} {p['date']}, {p['pages']} pages, {p['articles']} articles, "
          f"{p['requests']} requests): {p['seconds_at_1_req_per_s']:.1f} s at 1 req/s vs "
          f"{p['seconds_politeness_off']:.2f} s with politeness off")

    extract = bench_extract(args.extract_n)
    print(f"(c) extract: {extract['articles_per_s_cpu']} articles/s (CPU), "
          f"{extract['articles_per_s_wall']} articles/s (wall) over {extract['articles']} synthetic articles")

    hostile = bench_hostile(not args.hostile_no_mb)
    print("(d) " + hostile.pop("table"))

    docs = None
    if args.docs_years:
        docs = bench_data_docs(args.docs_years)
        print(docs.pop("table"))

    backfill = None
    if args.backfill_days:
        import bench_backfill

        backfill = bench_backfill.run(args.backfill_days)
        print(bench_backfill.describe(backfill))

    results = {"measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
               "python": sys.version.split()[0], "parse": parse, "scrape": scrape, "extract": extract,
               "hostile": hostile, "data_docs": docs, "backfill": backfill}
    out = ROOT / ".state" / "bench" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
