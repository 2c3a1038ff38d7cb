"""One registry: the papers (xiangmu/newspapers.py) and the vocabularies (xiangmu/vocabulary.py).

The dbt seeds must be what tools/generate_seeds.py writes from them; every
reader (scrapers, extractor, quality suites, settings, dbt YAML) must take its
codes from them rather than hold a copy; and adding a paper must need only its
``Paper`` entry (plus its sample pages).
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from xiangmu import config, newspapers, vocabulary

ROOT = config.PROJECT_ROOT
SEEDS = ROOT / "dbt_project" / "seeds"
VOCABULARIES = {
    "measures": vocabulary.MEASURES,
    "stages": vocabulary.STAGES,
    "subjects": vocabulary.SUBJECTS,
    "region_types": vocabulary.REGION_TYPES,
    "edition_statuses": vocabulary.EDITION_STATUSES,
}


def _generator():
    spec = importlib.util.spec_from_file_location("generate_seeds", ROOT / "tools" / "generate_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- generated seeds
def test_seeds_are_what_the_generator_writes_now() -> None:
    assert _generator().stale(SEEDS) == [], "run .venv/bin/python tools/generate_seeds.py"


def test_a_hand_edited_or_missing_seed_is_stale(tmp_path: Path) -> None:
    gen = _generator()
    gen.write(tmp_path)
    assert gen.stale(tmp_path) == []
    stages = tmp_path / "stages.csv"
    stages.write_text(stages.read_text("utf-8") + "demolished,拆除,Not a stage the extractor knows.\n", "utf-8")
    (tmp_path / "currencies.csv").unlink()
    assert gen.stale(tmp_path) == ["currencies.csv", "stages.csv"]
    assert gen.main(["--check", "--out-dir", str(tmp_path)]) == 1
    gen.main(["--out-dir", str(tmp_path)])
    assert gen.main(["--check", "--out-dir", str(tmp_path)]) == 0


def test_a_vocabulary_table_row_needs_exactly_three_cells() -> None:
    term = vocabulary.Term
    assert vocabulary._table("a | 甲 | A.\n b|乙|B. ") == (term("a", "甲", "A."), term("b", "乙", "B."))
    for bad in ("a | 甲", "a | 甲 | A | extra"):
        with pytest.raises(ValueError):
            vocabulary._table(bad)


def _seed_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_generator().seed_files()[name])))


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_vocabulary_seeds_hold_every_code_once(name: str) -> None:
    rows = _seed_rows(f"{name}.csv")
    column = next(iter(rows[0]))
    seeded = [r[column] for r in rows]
    assert seeded == list(vocabulary.codes(VOCABULARIES[name]))
    assert len(set(seeded)) == len(seeded) and all(seeded)
    assert all(r["label_zh"] and r["description"] for r in rows)


def test_newspaper_seed_is_the_registry() -> None:
    rows = _seed_rows("newspapers.csv")
    assert [(r["newspaper_code"], r["name_zh"], r["name_en"], r["home_region"]) for r in rows] == [
        (p.code, p.name_zh, p.name_en, p.home_region) for p in newspapers.PAPERS
    ]
    assert len({r["newspaper_code"] for r in rows}) == len(rows)


def test_currency_seed_is_every_currency_the_extractor_can_state() -> None:
    from xiangmu.extract.numbers import find_money

    seeded = {r["currency"]: r["names_zh"].split("|") for r in _seed_rows("currencies.csv")}
    assert [m.currency for m in find_money("投资3亿元")] == [vocabulary.YUAN]
    for word, code in vocabulary.FOREIGN_CURRENCIES.items():
        assert [m.currency for m in find_money(f"投资3亿{word}")] == [code], word
        assert word in seeded[code]
    assert list(seeded) == list(vocabulary.currency_codes())


def test_every_home_region_and_region_type_is_in_the_region_seed() -> None:
    regions = list(csv.DictReader((SEEDS / "regions.csv").open(encoding="utf-8")))
    assert {p.home_region for p in newspapers.PAPERS} <= {r["name"] for r in regions}
    assert {r["type"] for r in regions} <= set(vocabulary.codes(vocabulary.REGION_TYPES))


# ---------------------------------------------------------------- readers use the registry
def test_the_extractor_reads_the_registry() -> None:
    from xiangmu.extract import facts, numbers
    from xiangmu.extract.gazetteer import PROVINCE, home_city

    assert [code for code, _ in facts._STAGES] == list(vocabulary.codes(vocabulary.STAGES))
    assert [p.pattern for _, p in facts._STAGES] == [s.cue for s in vocabulary.STAGES]
    assert facts._CATEGORIES is vocabulary.CATEGORIES
    assert numbers._CN_DIGITS is vocabulary.CN_DIGITS
    assert numbers.CURRENCIES is vocabulary.FOREIGN_CURRENCIES
    for paper in newspapers.PAPERS:
        assert home_city(paper.code) == paper.home_region
        assert home_city(paper.code.upper()) == paper.home_region
    assert home_city("nosuchpaper") == PROVINCE == newspapers.DEFAULT_HOME_REGION


def test_facts_keep_to_the_vocabularies() -> None:
    from xiangmu.extract import extract_facts

    text = ("本报讯 8月6日，石家庄市集中开工项目350个，总投资977.5亿元，年度计划投资229.7亿元。"
            "另有签约项目12个，总投资2.5亿美元。")
    found = extract_facts(text, dt.date(2023, 8, 7), "sjzrb")
    assert {f.stage for f in found} >= {"groundbreaking", "signed"}
    assert {f.currency for f in found} == {"CNY", "USD"}
    for f in found:
        assert f.measure in vocabulary.codes(vocabulary.MEASURES)
        assert f.subject in vocabulary.codes(vocabulary.SUBJECTS)
        assert f.stage is None or f.stage in vocabulary.codes(vocabulary.STAGES)
        assert f.currency in vocabulary.currency_codes()


def test_the_scrapers_read_the_registry() -> None:
    from scrapers import model
    from scrapers.registry import all_sources, source_for_url

    assert model._CN_DIGITS is vocabulary.CN_DIGITS
    sources = all_sources()
    assert [(s.code, s.name, s.home_city) for s in sources] == [
        (p.code, p.name_zh, p.home_region) for p in newspapers.PAPERS
    ]
    for paper in newspapers.PAPERS:
        assert source_for_url(paper.base_url + paper.current).code == paper.code
        assert config.LIVE_BASE_URLS[paper.code] == paper.base_url
    assert config.DEFAULT_SOURCES == ("sjzrb", "hbrb")


def _part(body: str):
    from scrapers.model import ParsedArticle

    return ParsedArticle("u", None, "t", None, None, "02", None, None, paragraphs=[body])


@pytest.mark.parametrize("word", vocabulary.CONTINUED_FROM_WORDS)
def test_scraper_and_extractor_read_the_same_continued_from_markers(word: str) -> None:
    from xiangmu.extract import normalize, stories

    body = f"（{word}第一版）正文接着写。"
    assert (_part(body).continued_from, stories.continued_from(body)) == ("01", 1)
    assert normalize.CONTINUED_FROM.match(body)
    assert (_part("（另接第一版）正文").continued_from, stories.continued_from("（另接第一版）正文")) == (None, None)


@pytest.mark.parametrize("word", vocabulary.CONTINUED_TO_WORDS)
def test_scraper_and_extractor_read_the_same_continued_to_markers(word: str) -> None:
    from xiangmu.extract import normalize, stories

    body = f"正文写到这里。（{word}第二版）"
    assert (_part(body).continued_to, stories.continued_to(body)) == ("02", 2)
    assert normalize.CONTINUED_TO.search(body)


def test_the_quality_suites_read_the_registry() -> None:
    from expectations import suites

    assert vocabulary.codes(vocabulary.MEASURES) == suites.MEASURES
    assert vocabulary.codes(vocabulary.STAGES) == suites.STAGES
    # subjects: the facts table's check constraint, which GX does not re-test, rendered from the
    # registry when the schema is applied (tests/warehouse/test_schema.py checks it in a warehouse)
    from xiangmu.warehouse.connect import schema_sql

    listed = ", ".join(f"'{code}'" for code in vocabulary.codes(vocabulary.SUBJECTS))
    assert f"subject text not null check (subject in ({listed}))" in schema_sql().as_string(None)


def _dbt_tests(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("data_tests", "tests") and isinstance(value, list):
                yield from value
            yield from _dbt_tests(value)
    elif isinstance(node, list):
        for item in node:
            yield from _dbt_tests(item)


def test_dbt_tests_vocabularies_against_the_generated_seeds() -> None:
    files = sorted((ROOT / "dbt_project").glob("models/**/_*.yml")) + [SEEDS / "_seeds.yml"]
    all_codes = {c for terms in VOCABULARIES.values() for c in vocabulary.codes(terms)} | set(
        vocabulary.currency_codes()
    )
    refs = set()
    for path in files:
        for test in _dbt_tests(yaml.safe_load(path.read_text("utf-8"))):
            if isinstance(test, dict) and "accepted_values" in test:
                values = {str(v) for v in test["accepted_values"]["arguments"]["values"]}
                assert not values & all_codes, f"{path.name}: a hand-copied vocabulary {sorted(values)}"
            if isinstance(test, dict) and "relationships" in test:
                refs.add(test["relationships"]["arguments"]["to"])
    seeds = {f"ref('{name.removesuffix('.csv')}')" for name in _generator().seed_files()}
    assert seeds - {"ref('newspapers')"} <= refs, "every generated vocabulary seed is used by a dbt test"


# ---------------------------------------------------------------- no copies left
def _project_python() -> list[Path]:
    dirs = ("xiangmu", "scrapers", "expectations", "dags", "tools", "bench")
    files = [p for d in dirs for p in (ROOT / d).rglob("*.py")]
    home = {ROOT / "xiangmu" / "vocabulary.py", ROOT / "xiangmu" / "newspapers.py"}
    sample_pages = {ROOT / "tools" / "build_sample_epaper.py", ROOT / "tools" / "sample_articles.py"}
    return [p for p in files if p not in home | sample_pages]


def _literal_strings(node: ast.AST) -> set[str] | None:
    items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
    if items is None:
        return None
    return {i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)}


def test_no_copy_of_a_vocabulary_or_the_paper_list_outside_the_registry() -> None:
    wholes = {name: set(vocabulary.codes(terms)) for name, terms in VOCABULARIES.items()}
    wholes["papers"] = {p.code for p in newspapers.PAPERS}
    wholes["digits"] = set(vocabulary.CN_DIGITS)
    wholes["currencies"] = set(vocabulary.FOREIGN_CURRENCIES)
    wholes["categories"] = set(vocabulary.CATEGORIES)
    copies = []
    for path in _project_python():
        source = path.read_text("utf-8")
        for node in ast.walk(ast.parse(source)):
            strings = _literal_strings(node)
            if strings:
                copies += [f"{path.relative_to(ROOT)}:{node.lineno} {name}" for name, whole in wholes.items()
                           if whole <= strings]
        for text in ("上接|接上", "下转|转", "签约|签订", *(p.hosts[0] for p in newspapers.PAPERS)):
            if text in source:
                copies.append(f"{path.relative_to(ROOT)} {text}")
    assert copies == [], copies


def test_the_copy_check_sees_tuples_and_dict_keys() -> None:
    tree = ast.parse('STAGES = ("signed", "groundbreaking", "completed", "under_construction", '
                     '"reserve", "key_project", "introduced")\nX = {"〇": 0, "一": 1}')
    found = [s for s in map(_literal_strings, ast.walk(tree)) if s]
    assert found == [set(vocabulary.codes(vocabulary.STAGES)), {"〇", "一"}]


# ---------------------------------------------------------------- adding a paper
ADD_A_PAPER = """
import importlib.util, json, sys
from xiangmu import newspapers
newspapers.PAPERS = newspapers.PAPERS + (newspapers.Paper(
    code="tsws", name_zh="唐山晚声", name_en="Tangshan Evening Voice", home_region="唐山市",
    base_url="https://tsws.example.cn", current="/epaper/{ym}/{dd}/node_01.html", markers=("/epaper/",),
),)
import datetime as dt
from scrapers.registry import get_source, source_for_url
from xiangmu import config
from xiangmu.extract.gazetteer import home_city
spec = importlib.util.spec_from_file_location("generate_seeds", sys.argv[1])
generate_seeds = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate_seeds)
source = get_source("tsws")
print(json.dumps({
    "entry": source.entry_url(config.source_base_url("tsws"), dt.date(2025, 3, 4)),
    "by_url": source_for_url("https://tsws.example.cn/epaper/202503/04/node_01.html").code,
    "home": home_city("tsws"),
    "seed": generate_seeds.seed_files()["newspapers.csv"].splitlines()[-1],
}, ensure_ascii=False))
"""


def test_adding_a_paper_is_one_entry() -> None:
    """A new ``Paper`` alone reaches the scrapers, the settings, the extractor and the seed generator."""
    tool = str(ROOT / "tools" / "generate_seeds.py")
    done = subprocess.run([sys.executable, "-c", ADD_A_PAPER, tool], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    assert json.loads(done.stdout) == {
        "entry": "https://tsws.example.cn/epaper/202503/04/node_01.html",
        "by_url": "tsws",
        "home": "唐山市",
        "seed": "tsws,唐山晚声,Tangshan Evening Voice,唐山市",
    }


def test_reject_reasons_read_as_one_bracketed_phrase_in_data_docs() -> None:
    # expectations.suites puts each description in brackets after its code: no bracket of its own
    for term in vocabulary.REJECT_REASONS:
        assert not set("()（）") & set(term.description), term.code
