"""``ilteo``: start, stop and report on the local engines and services."""

import os
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ilteo_common.logging import configure_logging
from ilteo_stack import demo as demo_data
from ilteo_stack.components import Group
from ilteo_stack.demo import DemoError
from ilteo_stack.stack import Stack, StackError, Started

app = typer.Typer(
    help="Run Ilteo's engines and services locally, without Docker.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)


@app.callback()
def _setup() -> None:
    configure_logging(service="stack", level="WARNING")


# Embedding runs at a few dozen items a second on two cores.
DEMO_INDEX_TIMEOUT_S = 1800

OnlyOption = Annotated[
    Group | None,
    typer.Option("--only", help="Start only the engines or only the services."),
]


def _fail(error: Exception) -> None:
    err.print(f"[bold red]error:[/] {error}")
    raise typer.Exit(code=1)


DemoOption = Annotated[
    bool | None,
    typer.Option(
        "--demo/--no-demo",
        help="Load the demo data (default: when no source API key is set).",
    ),
]


def _source_keys_set() -> bool:
    return any(
        name.startswith("ILTEO_INGEST_") and name.endswith("_API_KEY") and value
        for name, value in os.environ.items()
    )


@app.command()
def up(only: OnlyOption = None, demo: DemoOption = None) -> None:
    """Start everything (or one group) and wait until each part is healthy."""
    stack = Stack()
    groups = [only] if only else [Group.ENGINES, Group.SERVICES]
    load_demo = Group.SERVICES in groups and (
        demo if demo is not None else not _source_keys_set()
    )
    if load_demo:
        groups.append(Group.DEMO)

    def report(started: Started) -> None:
        console.print(
            f"  [green]✓[/] {started.name} healthy in {started.seconds:.1f} s"
        )

    try:
        with console.status("starting…"):
            stack.up(groups, on_started=report)
        if load_demo:
            _load_demo(stack)
    except (StackError, DemoError) as error:
        _fail(error)
    if Group.SERVICES in groups:
        console.print(f"\nIlteo is running: [bold]{stack.settings.public_url}[/]")


def _load_demo(stack: Stack) -> None:
    console.print("\nloading the demo data (crawling the demo source)…")
    demo_data.crawl(stack.settings)
    with console.status("indexing…") as status:
        demo_data.wait_for_indexer(
            stack.settings,
            timeout_s=DEMO_INDEX_TIMEOUT_S,
            on_progress=lambda progress: status.update(f"indexing… {progress}"),
        )
    console.print("  [green]✓[/] demo data indexed")


@app.command()
def down() -> None:
    """Stop every service and engine (their data is kept)."""
    try:
        Stack().down()
    except StackError as error:
        _fail(error)
    console.print("stopped")


@app.command()
def start(name: str) -> None:
    """Start one part of a running stack and wait until it is healthy."""
    try:
        started = Stack().start(name)
    except StackError as error:
        _fail(error)
    else:
        console.print(f"{started.name} healthy in {started.seconds:.1f} s")


@app.command()
def stop(name: str) -> None:
    """Stop one part of a running stack."""
    try:
        Stack().stop(name)
    except StackError as error:
        _fail(error)


@app.command()
def status() -> None:
    """Show each part's process state and health; exits 1 if one is unhealthy."""
    stack = Stack()
    table = Table("part", "group", "state", "pid", "healthy", "up for", "detail")
    parts = stack.status()
    for part in parts:
        table.add_row(
            part.name,
            part.group.value,
            part.state,
            str(part.pid or ""),
            "[green]yes[/]" if part.healthy else "[red]no[/]",
            f"{part.uptime_s:.0f} s" if part.uptime_s is not None else "",
            part.detail,
        )
    console.print(table)
    if not all(part.healthy for part in parts):
        raise typer.Exit(code=1)


@app.command()
def logs(name: str, lines: int = 40) -> None:
    """Print the last lines of one part's log file."""
    stack = Stack()
    try:
        paths = [p for p in stack.log_files(name) if p.exists() and p.stat().st_size]
    except StackError as error:
        _fail(error)
    if not paths:
        _fail(StackError(f"{name} has logged nothing yet"))
    for path in paths:
        console.print(f"[bold]{path}[/]")
        for line in path.read_text(errors="replace").splitlines()[-lines:]:
            console.print(line, markup=False, highlight=False)
