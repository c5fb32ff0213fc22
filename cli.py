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
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Changes as JSON, for machines.")
@click.option("--summary", "counts_only", is_flag=True, help="Counts of changes only.")
def diff(old: Path, new: Path, as_json: bool, counts_only: bool) -> None:
    """Show what changed between two runs (output folders or JSON files); exit 1 if anything did.

    Example: python cli.py diff out-before out-after
    """
    from extract.diff import DiffError, diff_outputs, render_text, summary

    try:
        changes = diff_outputs(old, new)
    except DiffError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if as_json:
        payload = summary(changes) if counts_only else [c.as_dict() for c in changes]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif counts_only:
        counts = summary(changes)
        click.echo(", ".join(f"{kind} {n}" for kind, n in counts.items()) or "no changes")
    else:
        click.echo(render_text(changes, click.style) if changes else "no changes", color=None)
    sys.exit(1 if changes else 0)


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the page (default: OUT/review.html).")
@click.option("--source-root", type=click.Path(file_okay=False, path_type=Path),
              help="Folder the documents' source paths are relative to (default: here).")
def review(out_dir: Path, html_path: Path | None, source_root: Path | None) -> None:
    """Write one HTML page to check each form's record beside its source lines.

    Example: python cli.py review out --html review.html
    """
    from extract.review import build_review
    from extract.write import atomic_write_bytes

    html_path = html_path or out_dir / "review.html"
    atomic_write_bytes(html_path, build_review(out_dir, source_root).encode("utf-8"))
    click.echo(f"wrote {html_path} ({html_path.stat().st_size // 1024} KB); open it in a browser")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the output document.

    Example: python cli.py schema > document.schema.json
    """
    from schemas.record import Document

    click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
