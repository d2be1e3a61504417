"""What the ``clean`` command does once its flags are parsed: settings, batch, output, summary."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import click

from . import render
from .batch import run_batch
from .config import Settings, find_pyproject, load_file, settings_from
from .discover import STDIN, Source, discover
from .errors import ConfigError
from .report import Report
from .runner import Mode, Outcome


def load_settings(config_file: str | None, **flags: Any) -> Settings:
    """Defaults, then the config file (``--config`` or the nearest pyproject.toml), then flags."""
    if config_file:
        path = Path(config_file)
        settings = settings_from(load_file(path), str(path))
    else:
        found = find_pyproject(Path.cwd())
        settings = (
            settings_from(load_file(found), f"{found} [tool.cleaner]") if found else Settings()
        )
    given = {k: v for k, v in flags.items() if v not in (None, ())}
    if given:
        settings = settings_from(
            {k.replace("_", "-"): v for k, v in given.items()}, "option", settings
        )
    if settings.jobs < 1:
        raise ConfigError("option: 'jobs' must be at least 1")
    settings.pipeline_filters()  # reject bad filter options now, not in each file
    return settings


def write_mode(
    output: str | None, in_place: bool, check: bool, diff: bool, paths: Sequence[str]
) -> Mode:
    if output and in_place:
        raise ConfigError("give either -o/--output or --in-place, not both")
    if check:
        return Mode("check", records=True, diff=diff)
    if diff:
        return Mode("diff", diff=True)
    if in_place:
        return Mode("in-place")
    if output:
        return Mode("out", out=output)
    if all(p == STDIN for p in paths):
        return Mode("out")
    raise ConfigError("nothing to do: give -o DIR, --in-place, --check or --diff")


def run(
    paths: tuple[str, ...],
    output: str | None,
    in_place: bool,
    check: bool,
    diff: bool,
    report: str | None,
    fmt: str | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    config_file: str | None,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    engine: str = "local",
    scheduler: str | None = None,
    no_cache: bool = False,
    script: str | None = None,
) -> int:
    settings = load_settings(
        config_file,
        select=_split(select),
        ignore=_split(ignore),
        format=fmt,
        include=include,
        exclude=exclude,
        jobs=jobs,
    )
    if script:  # --script sets T01's mode, over the config file
        t01 = {**settings.filters.get("script.simplify", {}), "mode": script}
        settings = replace(settings, filters={**settings.filters, "script.simplify": t01})
    mode = write_mode(output, in_place, check, diff, paths)
    if in_place and settings.format == "jsonl":
        raise ConfigError("--in-place writes text; use -o DIR for --format jsonl")
    if report:
        mode = Mode(mode.write, mode.out, True, mode.diff)
    skip = [Path(output)] if output else []
    sources = discover(paths, settings.include, settings.exclude, skip)
    summary = Report(check=check)
    findings: list[dict[str, Any]] = []
    with ExitStack() as stack:
        audit = stack.enter_context(_open_report(report)) if report else None
        progress = stack.enter_context(_progress(quiet))
        if scheduler and engine != "dask":
            raise ConfigError("--scheduler needs --engine dask")
        batch = run_batch(
            sources,
            settings,
            mode,
            settings.jobs,
            engine="dask" if engine == "dask" else "local",
            scheduler=scheduler,
            use_cache=not no_cache,
        )
        for outcome in batch:
            summary.add(outcome)
            progress()
            _emit(outcome, mode, output_format, verbose, audit, findings)
    if output_format == "json" and check:
        click.echo(json.dumps(findings, ensure_ascii=False, indent=1))
    if not quiet:
        click.echo(summary.summary(), err=True)
    return summary.exit_code


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _emit(
    outcome: Outcome,
    mode: Mode,
    output_format: str,
    verbose: bool,
    audit: IO[str] | None,
    findings: list[dict[str, Any]],
) -> None:
    if outcome.error:
        click.echo(f"error: {outcome.error}", err=True)
    if audit is not None and outcome.records:
        audit.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in outcome.records))
        audit.flush()
    if mode.write == "check":
        for rec in outcome.records:
            if rec["action"] == "flag":
                continue  # a note for --report, not something that would change
            if output_format == "json":
                findings.append({**rec, "message": render.message(rec)})
            elif output_format == "github":
                click.echo(render.github(outcome.display, rec))
            else:
                click.echo(render.finding(outcome.display, rec))
    if outcome.diff:
        click.echo(outcome.diff, nl=False)
    if outcome.output is not None:
        click.echo(outcome.output, nl=False)
    if verbose and not outcome.error:
        if not outcome.changed:
            state = "unchanged"
        else:
            state = "would change" if mode.write in ("check", "diff") else "changed"
        click.echo(f"{outcome.display}: {state} ({len(outcome.records)} changes)", err=True)


@contextmanager
def _open_report(path: str) -> Iterator[IO[str]]:
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        f = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as e:
        raise ConfigError(f"{path}: cannot write report: {e.strerror}") from None
    with f:
        yield f


@contextmanager
def _progress(quiet: bool) -> Iterator[Any]:
    """A tick per file: a rich progress line on stderr when it is a terminal, else nothing."""
    if quiet or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("files", total=None)
        yield lambda: bar.advance(task)


def describe_filters(name: str | None) -> int:
    from .filters import FILTERS, ORDER

    if name is None:
        for n in ORDER:
            f = FILTERS[n]
            click.echo(f"{f.code}  {f.name:<24} {f.safety:<9} {f.summary}")
        return 0
    matches = [f for f in FILTERS.values() if name in (f.name, f.code) or f.code == name.upper()]
    if not matches:
        raise ConfigError(f"unknown filter '{name}' (see `clean filters`)")
    f = matches[0]
    click.echo(f"{f.code} {f.name} ({f.safety})\n\n{f.summary}\n")
    if f.doc:
        click.echo(_dedent(f.doc) + "\n")
    fields = f.option_fields()
    if fields:
        click.echo(f'Options ([tool.cleaner.filters."{f.name}"]):')
        defaults = f.options()
        for key in fields:
            click.echo(f"  {key.replace('_', '-')} = {getattr(defaults, key)!r}")
    return 0


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def sources_for(paths: Sequence[str], settings: Settings) -> Iterator[Source]:
    return discover(paths, settings.include, settings.exclude)
