"""Extraction time on hostile text shapes, per KB, at growing sizes: it must stay flat.

Usage: .venv/bin/python bench/bench_hostile.py [--no-mb] [--json]   (part of `make bench`)

Each shape once made ``extract_facts`` quadratic or crash (issue 12): runs of digits or
numerals, comma lists of figures, "亿1\\n" unit lines, heading lines, NUL and control
characters.  Every shape is extracted at 1, 4, 16 and 64 KB (and 1 MB) of UTF-8; the table
shows CPU milliseconds per KB (wall time in the JSON; a busy host inflates it).  Targets: no
input of 64 KB or less over 1 s, and ms/KB at 64 KB within 2x of that at 4 KB (flat).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable

from xiangmu.extract import extract_facts

PUBLISHED = dt.date(2024, 5, 6)
KB_SIZES = (1, 4, 16, 64)
MB = 1024
LIMIT_64KB_SECONDS = 1.0
FLATNESS_MAX = 2.0


def _fill(head: str, unit: Callable[[int], str], tail: str, kb: int) -> str:
    """``head`` + units + ``tail``, about ``kb`` KB of UTF-8."""
    target = kb * 1024
    parts, size, i = [head], len(head.encode()) + len(tail.encode()), 0
    while size < target:
        piece = unit(i)
        parts.append(piece)
        size += len(piece.encode())
        i += 1
    return "".join(parts) + tail


SHAPES: dict[str, Callable[[int], str]] = {
    "digit_run": lambda kb: _fill("项目总投资", lambda i: "9", "亿元。", kb),
    "numeral_run": lambda kb: _fill("项目总投资", lambda i: "九", "亿元。", kb),
    "digit_commas": lambda kb: _fill("项目总投资1", lambda i: ",234", "亿元。", kb),
    "figures_ascii_commas": lambda kb: _fill("开工项目10个，", lambda i: "总投资5亿元,", "。", kb),
    "figures_cn_commas": lambda kb: _fill(
        "开工项目10个，", lambda i: f"某某{i % 7}项目总投资{i % 90 + 1}亿元，", "。", kb
    ),
    "month_figures": lambda kb: _fill("开工项目10个，", lambda i: "5月总投资5亿元，", "。", kb),
    "unit_lines": lambda kb: _fill("", lambda i: "亿1\n", "", kb),
    "heading_lines": lambda kb: _fill("", lambda i: "赵县\n", "", kb),
    "nul_controls": lambda kb: _fill("", lambda i: "\x00总投资5亿元\x07\x1b，", "。", kb),
    "news_items": lambda kb: _fill(
        "",
        lambda i: f"赵县\n\n本报讯 {i % 12 + 1}月{i % 28 + 1}日，赵县开工项目{i % 97 + 1}个，总投资{i + 1}亿元，"
        f"其中某某{i}项目总投资{i % 13 + 1}.5亿元。\n\n",
        "",
        kb,
    ),
}


def _measure(text: str) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, facts) of one extraction, repeated for small inputs."""
    repeat = max(1, 64 // max(1, len(text.encode()) // 1024))
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        facts = extract_facts(text, PUBLISHED, "sjzrb")
    return (time.process_time() - c0) / repeat, (time.perf_counter() - w0) / repeat, len(facts)


def run(sizes: tuple[int, ...]) -> dict:
    extract_facts("总投资5亿元。", PUBLISHED, "sjzrb")  # load the gazetteer outside the timing
    rows = []
    for name, make in SHAPES.items():
        for kb in sizes:
            text = make(kb)
            cpu, wall, facts = _measure(text)
            kbytes = len(text.encode()) / 1024
            rows.append({"shape": name, "kb": kb, "bytes": len(text.encode()), "facts": facts,
                         "cpu_ms": cpu * 1000, "wall_ms": wall * 1000,
                         "cpu_ms_per_kb": cpu * 1000 / kbytes, "wall_ms_per_kb": wall * 1000 / kbytes})
    small = [r for r in rows if r["kb"] <= 64]
    by = {(r["shape"], r["kb"]): r for r in rows}
    flatness = {
        name: by[(name, 64)]["cpu_ms_per_kb"] / by[(name, 4)]["cpu_ms_per_kb"]
        for name in SHAPES if (name, 4) in by and (name, 64) in by
    }
    return {
        "rows": rows,
        "max_cpu_s_64kb_or_less": max(r["cpu_ms"] for r in small) / 1000,
        "max_wall_s_64kb_or_less": max(r["wall_ms"] for r in small) / 1000,
        "flatness_64kb_vs_4kb": flatness,
        "ok": max(r["cpu_ms"] for r in small) / 1000 < LIMIT_64KB_SECONDS
        and all(v <= FLATNESS_MAX for v in flatness.values()),
    }


def print_table(result: dict, sizes: tuple[int, ...]) -> None:
    by = {(r["shape"], r["kb"]): r for r in result["rows"]}
    label = {kb: (f"{kb} KB" if kb < MB else "1 MB") for kb in sizes}
    print("hostile shapes: CPU ms per KB of UTF-8 (flat = same at every size)")
    print(f"    {'shape':<22}" + "".join(f"{label[kb]:>9}" for kb in sizes) + f"{'64/4 KB':>9}")
    for name in SHAPES:
        cells = "".join(f"{by[(name, kb)]['cpu_ms_per_kb']:>9.2f}" for kb in sizes)
        flat = result["flatness_64kb_vs_4kb"].get(name)
        print(f"    {name:<22}{cells}{flat:>9.2f}")
    print(f"    slowest input of 64 KB or less: {result['max_cpu_s_64kb_or_less'] * 1000:.0f} ms CPU, "
          f"{result['max_wall_s_64kb_or_less'] * 1000:.0f} ms wall (target < {LIMIT_64KB_SECONDS * 1000:.0f} ms); "
          f"{'OK' if result['ok'] else 'NOT OK'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-mb", action="store_true", help="skip the 1 MB inputs")
    ap.add_argument("--json", action="store_true", help="print the results as one JSON line after the table")
    args = ap.parse_args()
    sizes = KB_SIZES if args.no_mb else (*KB_SIZES, MB)
    result = run(sizes)
    print_table(result, sizes)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
