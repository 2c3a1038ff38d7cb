"""The ``xiangmu`` command.

Each subcommand registers itself in ``build_parser`` with ``set_defaults(func=...)``;
``main`` only dispatches, so others can add ``run``, ``stop``, ``summary`` ... beside
``extract`` without touching the dispatch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from exc


def cmd_extract(args: argparse.Namespace) -> int:
    from xiangmu.extract import extract_facts  # imported here so other subcommands stay fast

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"xiangmu extract: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    for fact in extract_facts(text, args.published, args.newspaper):
        out.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from xiangmu import localrun

    return localrun.main(args.dates or None)


def cmd_stop(args: argparse.Namespace) -> int:
    from xiangmu.warehouse import embedded

    stopped = embedded.stop()
    print("embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from xiangmu.summary import print_summary

    print_summary()
    return 0


def cmd_serve_sample(args: argparse.Namespace) -> int:
    from xiangmu import devserver

    return devserver.main(["--port", str(args.port), *sum((["--fault", f] for f in args.fault), [])])


def cmd_airflow(args: argparse.Namespace) -> int:
    """Run the Airflow CLI with the project's local home, DAGs and warehouse."""
    import os

    from xiangmu import airflow_env

    env = airflow_env.airflow_env()
    airflow_env.migrate(env)
    os.execve(airflow_env.airflow_bin(), [airflow_env.airflow_bin(), *args.airflow_args], env)
    return 0  # not reached


def cmd_backfill(args: argparse.Namespace) -> int:
    """Run the DAG for every day from FROM to TO on the sample archive (see localrun.backfill)."""
    from xiangmu import localrun

    results = localrun.backfill(args.first.isoformat(), args.last.isoformat())
    return 1 if any(rc != 0 for rc in results.values()) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xiangmu", description="Investment in key projects from Hebei newspapers.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("extract", help="print the investment facts of one article text as JSON lines")
    p.add_argument("file", help="UTF-8 text of the article (the stored clean text)")
    p.add_argument("--published", required=True, type=_date, help="publish date, YYYY-MM-DD")
    p.add_argument("--newspaper", required=True, help="paper code, e.g. sjzrb or hbrb")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("run", help="run the DAG on the sample archive for its dates, then print a summary")
    p.add_argument("dates", nargs="*", help="YYYY-MM-DD dates (default: every sample date)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("backfill", help="run the DAG for every day of a range on the sample archive")
    p.add_argument("first", type=_date, help="first date, YYYY-MM-DD")
    p.add_argument("last", type=_date, help="last date, YYYY-MM-DD (inclusive)")
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser("summary", help="investment by region and stage from the published marts")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("stop", help="stop the embedded PostgreSQL")
    p.set_defaults(func=cmd_stop)

    p = sub.add_parser("serve-sample", help="serve the sample e-paper archive over HTTP until interrupted")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--fault", action="append", default=[], help="PATH_REGEX:KIND[:TIMES], see xiangmu.devserver")
    p.set_defaults(func=cmd_serve_sample)

    p = sub.add_parser("airflow", help="Airflow CLI on the local home, e.g. `xiangmu airflow standalone`")
    p.add_argument("airflow_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_airflow)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
