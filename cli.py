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
from extract.batch import default_jobs, find_inputs, run
from extract.write import write_tables
from schemas.record import Document


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
def extract(paths: tuple[Path, ...], out_dir: Path, jobs: int) -> None:
    """Extract every form of PATHS (files, or folders searched for *.txt) into OUT.

    Example: python cli.py extract samples --out out
    """
    inputs = find_inputs(list(paths))
    if not inputs:
        raise click.UsageError("no .txt files found under the given paths")
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    progress = tqdm(total=len(inputs), unit="file", disable=not sys.stderr.isatty(),
                    file=sys.stderr)
    for result in run(inputs, out_dir, jobs):
        results.append(result)
        progress.update(1)
        if result.ok:
            line = (f"{result.path}: {result.layout}, {result.forms} forms, "
                    f"{result.indicators} indicators, {result.warnings} warnings")
        else:
            line = f"{result.path}: FAILED: {result.error}"
        progress.write(line, file=sys.stdout)
    progress.close()
    counts = write_tables(out_dir)
    failed = [r for r in results if not r.ok]
    click.echo(f"total: {len(results) - len(failed)} of {len(results)} files, "
               f"{sum(r.forms for r in results)} forms, "
               f"{sum(r.indicators for r in results)} indicators, "
               f"{sum(r.warnings for r in results)} warnings; "
               f"tables in {out_dir}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if failed:
        click.echo("failed: " + ", ".join(r.path for r in failed), err=True)
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the output document.

    Example: python cli.py schema > document.schema.json
    """
    click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
