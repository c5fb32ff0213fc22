"""Command line: `python cli.py extract samples --out out`.

A thin wrapper: the library (extract/) does the work; each command here
parses arguments, calls it, and reports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from tqdm import tqdm

from extract import __version__
from extract.batch import FileResult, Manifest, PlainProgress, default_jobs, find_inputs, run


@click.group()
@click.version_option(__version__, prog_name="perfforms")
def main() -> None:
    """Turn Chinese budget performance-target forms (绩效目标表) into JSON and Parquet."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--jobs", default=default_jobs(), show_default=True, type=click.IntRange(1, 256),
              help="Worker processes.")
@click.option("--force", is_flag=True, help="Re-extract inputs the manifest says are unchanged.")
def extract(paths: tuple[Path, ...], out_dir: Path, jobs: int, force: bool) -> None:
    """Extract every form of PATHS (files, or folders searched for *.txt) into OUT.

    Example: python cli.py extract samples --out out
    """
    inputs = find_inputs(list(paths))
    if not inputs:
        raise click.UsageError("no .txt files found under the given paths")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(out_dir)
    results = []
    on_terminal = sys.stderr.isatty()
    bar = tqdm(total=len(inputs), unit="file", file=sys.stderr, disable=not on_terminal)
    plain = PlainProgress(len(inputs), lambda text: click.echo(text, err=True))
    for result in run(inputs, out_dir, jobs, force=force, manifest=manifest):
        results.append(result)
        manifest.record(result)
        bar.update(1)
        if not on_terminal:
            plain.update(result)
        bar.write(_summary_line(result), file=sys.stdout)
    bar.close()
    if manifest.tables_current():
        counts = {"unchanged": 1}
    else:
        from extract.tables import write_tables

        manifest.save(finished=False)
        counts = write_tables(out_dir, manifest.outputs(), manifest.scales())
    manifest.save(finished=True, tables_state=manifest.tables_state())
    failed = [r for r in results if r.status == "failed"]
    skipped = sum(r.status == "skipped_unchanged" for r in results)
    click.echo(f"total: {len(results) - len(failed)} of {len(results)} files "
               f"({skipped} unchanged, skipped), {sum(r.forms for r in results)} forms, "
               f"{sum(r.indicators for r in results)} indicators, "
               f"{sum(r.warnings for r in results)} warnings; "
               f"tables in {out_dir}: "
               + (", ".join(f"{k} {v}" for k, v in counts.items()) if "unchanged" not in counts
                  else "unchanged"))
    if failed:
        click.echo("failed: " + ", ".join(r.path for r in failed), err=True)
        sys.exit(1)


def _summary_line(result: FileResult) -> str:
    if result.status == "failed":
        return f"{result.path}: FAILED: {result.error}"
    note = " (unchanged, skipped)" if result.status == "skipped_unchanged" else ""
    return (f"{result.path}: {result.layout}, {result.forms} forms, {result.indicators} "
            f"indicators, {result.warnings} warnings{note}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the output document.

    Example: python cli.py schema > document.schema.json
    """
    from schemas.record import Document

    click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
