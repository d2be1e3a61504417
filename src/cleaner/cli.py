"""The ``clean`` command: a thin layer of flags over :mod:`cleaner.app`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from . import __version__
from .errors import CleanerError

EXAMPLES = """\b
Examples:
  clean seeds -o out                 clean every *.txt under seeds/ into out/
  clean seeds -o out --format jsonl  one JSON object per article
  clean scans --check                exit 1 if anything would change (for CI)
  clean page.txt --diff              show what would change, write nothing
  clean scans -o out --report audit.jsonl -j 4
  clean archive -o out --engine dask --scheduler tcp://host:8786
  clean filters                      list the filters and their codes
\b
Exit status: 0 done or nothing to change, 1 --check found changes, 2 error.
"""


class CleanGroup(click.Group):
    """``clean PATH...`` runs the cleaner; ``clean filters`` is the one subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in ("-h", "--help", "--version")
        ):
            args = ["run", *args]
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Click errors and ours become one line on stderr and exit status 2, never a traceback."""
        kwargs["standalone_mode"] = False
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if (
                reconfigure is not None
                and (getattr(stream, "encoding", "") or "").lower() != "utf-8"
            ):
                reconfigure(encoding="utf-8", errors="replace")
        try:
            return super().main(*args, **kwargs)
        except click.UsageError as e:
            click.echo(f"error: {e.format_message()}", err=True)
            sys.exit(2)
        except CleanerError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except Exception as e:  # a bug, or a worker process killed (BrokenProcessPool)
            if os.environ.get("CLEANER_DEBUG"):
                raise
            click.echo(
                f"error: internal error ({type(e).__name__}: {e}); "
                "set CLEANER_DEBUG=1 for the traceback",
                err=True,
            )
            sys.exit(2)

    def get_help(self, ctx: click.Context) -> str:
        run = self.commands["run"]
        with click.Context(run, info_name=ctx.info_name, parent=ctx.parent) as sub:
            text = run.get_help(sub)
        return text + "\n\nCommands:\n  filters [NAME]  List the filters, or explain one.\n"


@click.group(cls=CleanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="clean")
def cli() -> None:
    pass


@cli.command("run", epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o", "--output", metavar="DIR", help="Write cleaned files under DIR, mirroring paths."
)
@click.option("--in-place", is_flag=True, help="Rewrite changed input files (atomically).")
@click.option("--check", is_flag=True, help="Write nothing; list findings; exit 1 if any.")
@click.option("--diff", is_flag=True, help="Write nothing; print a unified diff of each change.")
@click.option("--report", metavar="FILE", help="Write the audit: one JSON line per change.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), help="Output format.")
@click.option(
    "--output-format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="How --check prints findings.",
)
@click.option("--select", multiple=True, metavar="CODES", help="Only these filters (codes, names).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these filters.")
@click.option("--include", multiple=True, metavar="GLOB", help="Files to take from directories.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files and folders to skip.")
@click.option("--config", "config_file", metavar="FILE", help="Settings file (TOML).")
@click.option("-j", "--jobs", type=int, metavar="N", help="Worker processes (output is the same).")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run here (processes) or on a Dask cluster (needs cleaner[dask]).",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Dask scheduler address, or 'local' for a LocalCluster."
)
@click.option(
    "--no-cache", is_flag=True, help="Clean every file, even those whose output is up to date."
)
@click.option(
    "--script",
    type=click.Choice(["auto", "simplified", "keep"]),
    help="Traditional characters (T01): auto fixes strays in simplified text and leaves "
    "traditional documents alone; simplified converts every document; keep changes none.",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
@click.option("-v", "--verbose", is_flag=True, help="A line per file.")
def run_command(**kw: Any) -> None:
    """Clean OCR'd Chinese newspaper pages: remove repeats, rebuild articles, normalize text.

    PATH is a file, a directory (searched for *.txt) or - for standard input.
    """
    from .app import run

    sys.exit(run(**kw))


@cli.command("filters")
@click.argument("name", required=False)
def filters_command(name: str | None) -> None:
    """List the filters in pipeline order, or explain one (by name or code)."""
    from .app import describe_filters

    sys.exit(describe_filters(name))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``clean`` console script."""
    cli.main(args=argv, prog_name="clean")
