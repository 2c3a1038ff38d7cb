"""The ``xiangmu`` command.

Each subcommand registers itself in ``build_parser`` with ``set_defaults(func=...)``;
``main`` only dispatches, so others can add ``run``, ``stop``, ``summary`` ... beside
``extract`` without touching the dispatch.

Errors a user can make (a bad date, a reversed range, an unknown paper code, a
warehouse that does not answer) are checked before anything starts and end in
ONE line on stderr with a non-zero exit, never a traceback: ``main`` turns
argparse errors and CliError into that line, and any other exception into one
line too, with XIANGMU_DEBUG=1 to see its traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path


class CliError(Exception):
    """A user's error: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing its usage and exiting (main prints one line)."""

    def error(self, message: str):  # noqa: D102 - argparse's hook
        raise CliError(f"{self.prog}: {message} (see {self.prog} --help)")


# Seconds to wait for WAREHOUSE_URL to answer before saying it is unreachable.
WAREHOUSE_CONNECT_TIMEOUT = 5


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from exc


def _paper_code(value: str) -> str:
    """A newspaper code the scrapers know (the extractor's home region depends on it)."""
    from scrapers.registry import all_sources

    known = sorted(s.code for s in all_sources())
    if value not in known:
        raise argparse.ArgumentTypeError(f"unknown newspaper code {value!r}; known codes: {', '.join(known)}")
    return value


def check_sources() -> None:
    """XIANGMU_SOURCES names only papers the pipeline can crawl."""
    from xiangmu import config

    known = sorted(config.LIVE_BASE_URLS)
    unknown = [code for code in config.enabled_sources() if code not in known]
    if unknown:
        raise CliError(
            f"XIANGMU_SOURCES has unknown newspaper code(s) {', '.join(unknown)}; known codes: {', '.join(known)}"
        )


def check_warehouse() -> None:
    """WAREHOUSE_URL (when set) answers within a few seconds; the embedded warehouse is started on demand."""
    from xiangmu import config

    url = config.warehouse_url_setting()
    if not url:
        return
    import psycopg

    from xiangmu.warehouse.connect import libpq_params

    try:
        params = libpq_params(url)
        where = f"{params['host']}:{params['port']}/{params['dbname']} as {params['user']}"
    except ValueError as exc:
        raise CliError(f"WAREHOUSE_URL is not a PostgreSQL URL: {exc}") from None
    try:
        with psycopg.connect(url, connect_timeout=WAREHOUSE_CONNECT_TIMEOUT) as conn:
            conn.execute("select 1")
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise CliError(f"warehouse unreachable (WAREHOUSE_URL, {where}): {reason}") from None


def _preflight() -> None:
    """Everything a pipeline run needs, checked before it starts."""
    check_sources()
    check_warehouse()


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


def cmd_extract_retry(args: argparse.Namespace) -> int:
    """Mark failed articles for another extraction (all of this extractor version, or the given ids)."""
    from xiangmu.load.facts import extract_pending, request_retry
    from xiangmu.warehouse import connect, ensure_schema

    with connect(autocommit=True) as conn:
        ensure_schema(conn)
        marked = request_retry(conn, args.article_id or None)
        print(f"{marked} failed article(s) marked for retry")
        if not args.run:
            return 0
        summary = extract_pending(conn, run_id=args.run_id)
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if summary["failed"] else 0


def _not_in_future(day: dt.date, what: str) -> None:
    """Refuse an edition date after today in the papers' time zone, before anything starts.

    Why: no edition of it can exist yet, and Airflow's scheduler never starts a
    run whose logical date is in the future: the run would wait forever.
    """
    import pendulum

    from xiangmu.newspapers import TZ  # not xiangmu.dagdefs: that imports Airflow, seconds the CLI need not pay

    today = pendulum.now(TZ).date()
    if day > today:
        raise CliError(f"{what} {day} is after today ({today}, {TZ}): no edition of it exists yet")


def cmd_run(args: argparse.Namespace) -> int:
    from xiangmu.local import localrun

    for day in args.dates:
        _not_in_future(day, "run:")
    _preflight()
    return localrun.main([d.isoformat() for d in args.dates] or None)


def cmd_bi_credentials(args: argparse.Namespace) -> int:
    """One line: postgresql://bi_reader:PASSWORD@HOST:PORT/DB (the embedded warehouse is started if needed)."""
    from urllib.parse import quote

    from xiangmu import config

    url = config.warehouse_url_setting()
    if not url:
        from xiangmu.warehouse import embedded

        print(embedded.bi_reader_url())
        return 0
    password = config.bi_reader_password()
    if not password:
        raise CliError("WAREHOUSE_URL is an external warehouse: set XIANGMU_BI_READER_PASSWORD to bi_reader's password")
    from xiangmu.warehouse.connect import libpq_params

    p = libpq_params(url)
    if p["host"].startswith("/"):
        raise CliError(f"WAREHOUSE_URL connects through a unix socket ({p['host']}): BI tools need a TCP host")
    print(f"postgresql://bi_reader:{quote(password, safe='')}@{p['host']}:{p['port']}/{p['dbname']}")
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    """Stop what local runs left running: the services of `xiangmu airflow up`, then the embedded PostgreSQL.

    Why both: the services keep their metadata in that PostgreSQL; stopping it
    alone left their API server running without a database, out of reach of
    `xiangmu airflow down` once the next `up` recorded new services.
    """
    from xiangmu.local import scheduler
    from xiangmu.warehouse import embedded

    if scheduler.down():
        print("Airflow services stopped")
    stopped = embedded.stop()
    print("embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running")
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from scrapers.inspect import main as parse_main

    return parse_main(args.file, args.url)


def cmd_summary(args: argparse.Namespace) -> int:
    from xiangmu.local.summary import print_summary

    check_warehouse()
    print_summary()
    return 0


def cmd_serve_sample(args: argparse.Namespace) -> int:
    from xiangmu.local import sample_server

    return sample_server.main(["--port", str(args.port), *sum((["--fault", f] for f in args.fault), [])])


SERVICE_COMMANDS = ("up", "down", "status")


def cmd_airflow_services(command: str) -> int:
    """`xiangmu airflow up|down|status`: the local Airflow services kept running between runs."""
    from xiangmu.local import localrun, scheduler

    if command == "up":
        _preflight()
        services = localrun.up()
        print(f"Airflow services up at {services.base} (UI and API; logs in {services.log_dir}); "
              f"`make run` and `xiangmu backfill` reuse them. Stop with `xiangmu airflow down`.")
        return 0
    if command == "down":
        print("Airflow services stopped" if scheduler.down() else "no Airflow services were up")
        return 0
    running = scheduler.Services.attach()
    print(f"Airflow services up at {running.base}" if running else "no Airflow services up")
    return 0 if running else 1


def cmd_airflow(args: argparse.Namespace) -> int:
    """Run the Airflow CLI with the project's local home, DAGs and warehouse (or up/down/status, see above)."""
    import os

    from xiangmu.local import airflow_env

    if args.airflow_args and args.airflow_args[0] in SERVICE_COMMANDS and len(args.airflow_args) == 1:
        return cmd_airflow_services(args.airflow_args[0])
    env = airflow_env.airflow_env()
    airflow_env.migrate(env)
    os.execve(airflow_env.airflow_bin(), [airflow_env.airflow_bin(), *args.airflow_args], env)
    return 0  # not reached


def cmd_backfill(args: argparse.Namespace) -> int:
    """Ingest every day from FROM to TO in one run, then transform once (see localrun.backfill)."""
    from xiangmu.local import localrun

    if args.first > args.last:
        raise CliError(f"backfill: FROM {args.first} is after TO {args.last}")
    _not_in_future(args.last, "backfill: TO")
    _preflight()
    # with --json, progress goes to stderr and stdout is the tally alone
    def out(line: str) -> None:
        print(line, file=sys.stderr if args.json else sys.stdout, flush=True)

    report = localrun.backfill(args.first.isoformat(), args.last.isoformat(), chunk_days=args.chunk_days, out=out)
    localrun.print_report(report, out=out)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    return 0 if report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xiangmu", description="Investment in key projects from Hebei newspapers.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("extract", help="print the investment facts of one article text as JSON lines")
    p.add_argument("file", help="UTF-8 text of the article (the stored clean text)")
    p.add_argument("--published", required=True, type=_date, help="publish date, YYYY-MM-DD")
    p.add_argument("--newspaper", required=True, type=_paper_code, help="paper code, e.g. sjzrb or hbrb")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "extract-retry",
        help="retry articles whose extraction failed (they are otherwise skipped until the extractor version changes)",
    )
    p.add_argument("--article-id", type=int, action="append", help="only this article (repeatable)")
    p.add_argument("--run", action="store_true", help="extract now instead of at the next pipeline run")
    p.add_argument("--run-id", help="run id recorded with the facts (with --run)")
    p.set_defaults(func=cmd_extract_retry)

    p = sub.add_parser("run", help="run the DAGs through Airflow's scheduler for each date (default: the sample's), "
                       "then print a summary")
    p.add_argument("dates", nargs="*", type=_date, help="YYYY-MM-DD dates (default: every sample date)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("backfill", help="ingest every day of a range, then transform once "
                       "(the sample archive unless XIANGMU_<CODE>_BASE_URL is set)")
    p.add_argument("first", type=_date, help="first date, YYYY-MM-DD")
    p.add_argument("last", type=_date, help="last date, YYYY-MM-DD (inclusive)")
    p.add_argument("--json", action="store_true", help="print the tally of outcomes per paper as JSON on stdout")
    p.add_argument("--chunk-days", type=int, default=31, help="dates per ingest task (default 31)")
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser("parse", help="print what the e-paper parser finds in one saved page or article (JSON)")
    p.add_argument("file", help="the saved HTML page")
    p.add_argument("--url", required=True, help="the page's URL (picks the paper, resolves links; not fetched)")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("summary", help="investment by region and stage from the published marts")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("bi-credentials", help="print the URL a BI tool connects with (read-only role bi_reader)")
    p.set_defaults(func=cmd_bi_credentials)

    p = sub.add_parser("stop", help="stop the embedded PostgreSQL")
    p.set_defaults(func=cmd_stop)

    p = sub.add_parser("serve-sample", help="serve the sample e-paper archive over HTTP until interrupted")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--fault", action="append", default=[],
                   help="PATH_REGEX:KIND[:TIMES], see xiangmu.local.sample_server")
    p.set_defaults(func=cmd_serve_sample)

    p = sub.add_parser("airflow", help="Airflow CLI on the local home, e.g. `xiangmu airflow standalone`; "
                       "`xiangmu airflow up` keeps the scheduler & co running for later runs (`down` stops them)")
    p.add_argument("airflow_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_airflow)
    return parser


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:500] + ("..." if len(text) > 500 else "")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; every error ends as one line on stderr and a non-zero status."""
    from xiangmu import config

    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"xiangmu: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("xiangmu: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns any failure into one line
        if config.debug():
            raise
        print(f"xiangmu: error: {type(exc).__name__}: {_one_line(exc)} (XIANGMU_DEBUG=1 shows the traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
