"""Command line: `perfforms extract samples --out out` (or `python cli.py …`).

A thin wrapper: the library (extract/) does the work; each command here
parses arguments, calls it, and reports in one line what went wrong.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from extract import __version__

EXIT_CODES = """\b
Exit codes:
  0    done; every input was read (diff: no differences)
  1    some inputs failed, the others were written (diff: differences)
  2    usage error, colliding inputs, or another run holds the output folder
  3    an output could not be written (disk full, read-only, not a file);
       extract changed nothing in the output folder
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM)"""

EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERRUPTED, EXIT_TERMINATED = 2, 3, 130, 143


class Terminated(BaseException):
    """SIGTERM, turned into an exception so the run stops its workers and unlocks."""


class Command(click.Group):
    """Ctrl-C exits 130 (not 1, which means 'some files failed'), with one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Terminated:
            click.echo("terminated", err=True)
            ctx.exit(EXIT_TERMINATED)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=Command, context_settings=CONTEXT, epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="perfforms")
def main() -> None:
    """Turn Chinese budget performance-target forms (绩效目标表) into JSON and Parquet."""


def verbosity(function: Callable) -> Callable:
    """-q/--quiet and -v/--verbose on a command."""
    function = click.option("-v", "--verbose", is_flag=True,
                            help="Say more: tracebacks of failed inputs, notes.")(function)
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print errors only.")(function)


def colour() -> bool | None:
    """None lets click decide (a terminal gets colour); NO_COLOR turns it off."""
    return False if os.environ.get("NO_COLOR") else None


def fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@main.command(context_settings=CONTEXT, epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", default="out", show_default=True,
              type=click.Path(path_type=Path), help="Output folder.")
@click.option("--jobs", default=None, type=click.IntRange(1, 256),
              help="Worker processes [default: the machine's cores].")
@click.option("--force", is_flag=True, help="Re-extract inputs the manifest says are unchanged.")
@click.option("--keep-missing", is_flag=True,
              help="Keep the documents of inputs no longer given (marked in the manifest) "
                   "instead of removing them.")
@click.option("--wait", "wait_lock", is_flag=True,
              help="If another run is writing to OUT, wait for it instead of exiting 2.")
@click.option("--timeout", default=600, show_default=True, type=click.FloatRange(min=1),
              help="Seconds one input may take before it is stopped and reported as failed.")
@verbosity
def extract(paths: tuple[Path, ...], out_dir: Path, jobs: int | None, force: bool,
            keep_missing: bool, wait_lock: bool, timeout: float, quiet: bool,
            verbose: bool) -> None:
    """Extract every form of PATHS into OUT: one JSON per input, six Parquet tables, a manifest.

    PATHS are files, or folders searched for .txt .html .htm .docx .xlsx .xls .pdf .png .jpg .jpeg
    .tif .tiff. A document's key is its path relative to the folder given, without extension
    (a file given by name: its name), so OUT/<key>.json. OUT always describes exactly the
    inputs of the last run: documents of inputs that disappeared are removed (--keep-missing
    keeps them), and an input that now fails leaves no stale JSON.

    Example: perfforms extract samples --out out
    """
    from extract.batch import (
        InputError,
        Options,
        OutputFailure,
        PlainProgress,
        default_jobs,
        find_inputs,
        run_batch,
    )
    from extract.manifest import Folder, FolderBusy
    from extract.write import OutputError

    try:
        inputs = find_inputs(list(paths), exclude=out_dir)
    except InputError as error:
        fail(str(error), EXIT_USAGE)
    if not inputs:
        raise click.UsageError("no input files (.txt .html .docx .xlsx .pdf or images) found "
                               "under the given paths")
    folder = Folder(out_dir)
    report = Reporter(len(inputs), quiet, verbose, PlainProgress)
    try:
        folder.prepare()
    except OutputError as error:
        fail(str(error), EXIT_OUTPUT)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with folder.locked(wait_lock, lambda text: click.echo(text, err=True)) as lock_fd:
            options = Options(jobs=jobs or default_jobs(), force=force, keep_missing=keep_missing,
                              timeout_s=timeout, lock_fd=lock_fd, report=report.result)
            summary = run_batch(out_dir, inputs, options)
    except FolderBusy as error:
        fail(str(error), EXIT_USAGE)
    except (OutputError, OutputFailure) as error:
        report.close()
        fail(f"{error}; nothing in {out_dir} was changed", EXIT_OUTPUT)
    finally:
        signal.signal(signal.SIGTERM, previous)
        report.close()
    report.total(summary, out_dir)
    if summary.errors:
        for error in summary.errors:
            click.echo(f"error: {error}", err=True)
        fail(f"{out_dir} could not be brought up to date; run again once that is fixed",
             EXIT_OUTPUT)
    if summary.failed:
        sys.exit(1)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


class Reporter:
    """Per-file lines on stdout; a bar on a terminal or a line every ten seconds in logs."""

    def __init__(self, total: int, quiet: bool, verbose: bool, plain: type) -> None:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
        self.quiet, self.verbose = quiet, verbose
        on_terminal = sys.stderr.isatty() and not quiet
        self.bar = tqdm(total=total, unit="file", file=sys.stderr, disable=not on_terminal)
        self.plain = None if on_terminal or quiet else plain(
            total, lambda text: click.echo(text, err=True))
        self.pending: list[str] = []
        self.flushed = time.monotonic()

    def result(self, result) -> None:
        self.bar.update(1)
        if self.plain:
            self.plain.update(result)
        if result.failed:
            self.write(f"{result.path}: FAILED: {result.error}", sys.stdout)
            if self.verbose and result.traceback:
                self.write(result.traceback.rstrip(), sys.stderr)
        elif not self.quiet:
            note = " (unchanged, skipped)" if result.status == "unchanged" else ""
            self.write(f"{result.path}: {result.layout}, {result.forms} forms, "
                       f"{result.indicators} indicators, {result.warnings} warnings{note}",
                       sys.stdout)

    def write(self, line: str, stream) -> None:
        """Above the bar on a terminal; otherwise gathered and written a batch at a time, so
        50,000 lines cost no more than one write each batch (even with PYTHONUNBUFFERED)."""
        if not self.bar.disable:
            self.bar.write(line, file=stream)
            return
        if stream is not sys.stdout:
            self.flush()
            stream.write(line + "\n")
            return
        self.pending.append(line)
        if len(self.pending) >= 200 or time.monotonic() - self.flushed > 0.5:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            sys.stdout.write("\n".join(self.pending) + "\n")
            sys.stdout.flush()
            self.pending = []
        self.flushed = time.monotonic()

    def close(self) -> None:
        self.flush()
        self.bar.close()

    def total(self, summary, out_dir: Path) -> None:
        results, failed = summary.results, summary.failed
        skipped = sum(r.status == "unchanged" for r in results)
        if self.verbose:
            for note in summary.notes:
                click.echo(f"note: {note}", err=True)
        for key in summary.removed if not self.quiet else ():
            click.echo(f"{key}: removed (its input was not given this time)")
        if summary.kept_missing and not self.quiet:
            click.echo(f"kept {len(summary.kept_missing)} documents whose inputs are missing "
                       "(--keep-missing)")
        tables = ", ".join(f"{name} {rows}" for name, rows in summary.tables.items())
        if not self.quiet:
            click.echo(f"total: {len(results) - len(failed)} of {len(results)} files "
                       f"({skipped} unchanged, skipped), {sum(r.forms for r in results)} forms, "
                       f"{sum(r.indicators for r in results)} indicators, "
                       f"{sum(r.warnings for r in results)} warnings; tables in {out_dir}: "
                       + (tables if summary.tables_changed else f"unchanged ({tables})"))
        if failed:
            click.echo(f"failed: {', '.join(r.path for r in failed)}", err=True)


@main.command(context_settings=CONTEXT, epilog=EXIT_CODES)
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Changes as JSON, for machines.")
@click.option("--summary", "counts_only", is_flag=True, help="Counts of changes only.")
@verbosity
def diff(old: Path, new: Path, as_json: bool, counts_only: bool, quiet: bool,
         verbose: bool) -> None:
    """Show what changed between two runs (output folders or JSON files); exit 1 if anything did.

    Documents pair by key, then by the sha256 of their source; a folder that holds no
    extraction output (an input folder, say) is an error (exit 2).

    Example: perfforms diff out-before out-after
    """
    from extract.diff import DiffError, diff_outputs, render_text, summary

    try:
        changes, notes = diff_outputs(old, new)
    except DiffError as error:
        fail(str(error), EXIT_USAGE)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if quiet:
        sys.exit(1 if changes else 0)
    if as_json:
        payload = summary(changes) if counts_only else [c.as_dict() for c in changes]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif counts_only:
        counts = summary(changes)
        click.echo(", ".join(f"{kind} {n}" for kind, n in counts.items()) or "no changes")
    else:
        # styled always; click strips the colour off a pipe or a file, and NO_COLOR everywhere
        click.echo(render_text(changes, click.style) if changes else "no changes",
                   color=colour())
    sys.exit(1 if changes else 0)


@main.command(context_settings=CONTEXT, epilog=EXIT_CODES)
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--html", "html_path", type=str, default=None,
              help="Where to write the page (default: OUT/review.html; - for standard output).")
@click.option("--source-root", type=click.Path(file_okay=False, path_type=Path),
              help="Folder the inputs are in now, if they moved since the run "
                   "(paths are tried as recorded, then relative to this folder).")
@verbosity
def review(out_dir: Path, html_path: str | None, source_root: Path | None, quiet: bool,
           verbose: bool) -> None:
    """Write one HTML page to check each form's record beside its source lines.

    Each source is checked against the sha256 the run recorded; a changed or missing source
    is marked on the page and named on stderr.

    Example: perfforms review out --html review.html
    """
    from extract.diff import DiffError
    from extract.review import build_review
    from extract.write import OutputError, write_output

    destination = html_path or str(out_dir / "review.html")
    try:
        page, problems = build_review(out_dir, source_root)
        written = write_output(destination, page.encode("utf-8"))
    except DiffError as error:
        fail(str(error), EXIT_USAGE)
    except OutputError as error:
        fail(str(error), EXIT_OUTPUT)
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    if not quiet and destination != "-":
        click.echo(f"wrote {written} ({len(page.encode('utf-8')) // 1024} KB); "
                   "open it in a browser")


@main.command(context_settings=CONTEXT, epilog=EXIT_CODES)
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="JSON Lines or CSV.")
@click.option("--table", default=None,
              type=click.Choice(["documents", "forms", "indicators", "funding_lines", "goals",
                                 "spending_plan", "warnings"]),
              help="What each line is: a whole document (jsonl only; the default for jsonl) "
                   "or a row of one of the Parquet tables [default for csv: indicators].")
@click.option("--output", "-o", default="-", show_default=True,
              help="File to write; - for standard output.")
@verbosity
def export(out_dir: Path, fmt: str, table: str | None, output: str, quiet: bool,
           verbose: bool) -> None:
    """Write an output folder as lines, for systems that import lines rather than documents.

    Example: perfforms export out --format csv --table indicators -o indicators.csv
    """
    from extract.diff import DiffError
    from extract.export import export_lines
    from extract.write import OutputError, output_stream

    table = table or ("documents" if fmt == "jsonl" else "indicators")
    if fmt == "csv" and table == "documents":
        raise click.UsageError("CSV needs a flat table: --table forms, indicators, "
                               "funding_lines, goals, spending_plan or warnings")
    try:
        with output_stream(output) as (stream, written):
            count = export_lines(out_dir, fmt, table, stream)
    except DiffError as error:
        fail(str(error), EXIT_USAGE)
    except OutputError as error:
        fail(str(error), EXIT_OUTPUT)
    if not quiet and output != "-":
        click.echo(f"wrote {count} lines to {written}", err=True)


@main.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the JSON Schema of the output document (as serialised: decimals are strings).

    Example: perfforms schema > document.schema.json
    """
    from schemas.record import SCHEMA_VERSION, Document

    body = Document.model_json_schema(mode="serialization")
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"urn:perfforms:schema:document:{SCHEMA_VERSION}", **body}
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
