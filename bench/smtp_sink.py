"""A local SMTP server for benchmarks: accepts every message and counts them.

Runs as its own process, as a real mail server would, so that parsing the
messages it receives does not share a process (and its GIL) with the sender.
On SIGTERM it writes the number of messages accepted to ``--count-file``.

    .venv/bin/python bench/smtp_sink.py --port 8025 --count-file sink-count.txt
"""

import argparse
import signal
import threading
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


class Counting:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        self.count += 1
        return "250 2.0.0 accepted"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count-file", type=Path, required=True)
    arguments = parser.parse_args()

    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=arguments.port)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    controller.start()
    arguments.count_file.write_text("ready\n")
    stopping.wait()
    controller.stop()
    arguments.count_file.write_text(f"{handler.count}\n")


if __name__ == "__main__":
    main()
