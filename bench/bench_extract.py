"""Throughput of ``extract_facts`` on one core over synthetic articles.

Usage: .venv/bin/python bench/bench_extract.py [N]   (default 3000 articles)
Prints articles/second; the pipeline needs at least 500.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from xiangmu.extract import extract_facts

PLACES = ["晋州市", "赵县", "正定县", "栾城区", "高新区", "经开区", "新乐市", "无极县", "平山县", "鹿泉区"]
WORDS = ["恒泰", "瑞丰", "天成", "博远", "嘉禾", "鑫源", "康宁", "智谷", "华冠", "远景", "清源", "东方"]
KINDS = ["新材料", "物流园", "食品", "电子信息", "生物医药", "包装", "装备制造", "数据中心"]
FILLER = (
    "坚持项目为王理念，强化要素保障，优化营商环境，推动项目早开工、早投产、早见效。"
    "各有关部门主动靠前服务，围绕手续审批、人才引进等问题第一时间协调解决。"
)


def _amount(rng: random.Random) -> str:
    return f"{rng.randint(1, 900) / 10:g}亿元"


def _item(rng: random.Random, place: str) -> str:
    n = rng.randint(3, 60)
    name = rng.choice(WORDS) + rng.choice(KINDS) + "项目"
    lines = [
        place,
        "聚力项目建设 厚植发展优势",
        f"本报讯（记者 某某）{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{place}举行重点项目集中开工活动。",
        f"此次集中开工项目共{n}个，总投资{_amount(rng)}，年度计划投资{_amount(rng)}。工业类项目"
        f"{rng.randint(1, n)}个，总投资{_amount(rng)}，包括投资{_amount(rng)}的{name}；投资0.{rng.randint(1, 9)}"
        f"\n\n亿元的{rng.choice(WORDS)}{rng.choice(KINDS)}项目。项目投产后，预计年营收{_amount(rng)}，利税{_amount(rng)}。",
        FILLER * rng.randint(1, 4),
    ]
    return "\n\n".join(lines)


def article(rng: random.Random) -> str:
    head = (
        "以高质量项目支撑高质量发展\n\n□本报记者 某某\n\n"
        f"上半年，全市{rng.randint(100, 500)}项重点项目累计完成投资{_amount(rng)}，占年度目标的"
        f"{rng.randint(40, 99)}.{rng.randint(0, 9)}%。{FILLER}"
    )
    items = [_item(rng, p) for p in rng.sample(PLACES, rng.randint(1, 4))]
    return "\n\n".join([head, *items, FILLER * 2])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rng = random.Random(7)
    docs = [article(rng) for _ in range(n)]
    published = dt.date(2024, 9, 10)
    extract_facts(docs[0], published, "sjzrb")  # load the gazetteer outside the timing
    t0, c0 = time.perf_counter(), time.process_time()
    facts = sum(len(extract_facts(d, published, "sjzrb")) for d in docs)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    chars = sum(map(len, docs))
    print(f"{n} articles ({chars / n:.0f} chars avg), {facts} facts, {elapsed:.2f} s wall, {cpu:.2f} s CPU")
    # CPU time is what one core delivers; wall time also counts other processes on a busy host.
    print(f"{n / cpu:.0f} articles/second (CPU), {n / elapsed:.0f} articles/second (wall)")


if __name__ == "__main__":
    main()
