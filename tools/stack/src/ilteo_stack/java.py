"""Finding a JDK new enough for OpenSearch 3 (21 or newer)."""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

REQUIRED_MAJOR = 21
JVM_FOLDER = Path("/usr/lib/jvm")


@dataclass(frozen=True)
class Java:
    home: Path
    major: int

    @property
    def executable(self) -> Path:
        return self.home / "bin" / "java"


def java_major(home: Path) -> int | None:
    executable = home / "bin" / "java"
    if not executable.is_file():
        return None
    try:
        result = subprocess.run(
            [str(executable), "-version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    # `java -version` prints e.g. `openjdk version "25.0.1" 2025-10-21` to stderr.
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr)
    if match is None:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def find_java(preferred: Path | None = None) -> Java | None:
    """The preferred JDK if it is new enough, else the newest one in /usr/lib/jvm."""
    candidates = [preferred] if preferred else []
    if JVM_FOLDER.is_dir():
        candidates += sorted(p for p in JVM_FOLDER.iterdir() if p.is_dir())
    found = [
        Java(home=home, major=major)
        for home in candidates
        if (major := java_major(home)) is not None and major >= REQUIRED_MAJOR
    ]
    if preferred and found and found[0].home == preferred:
        return found[0]
    return max(found, key=lambda java: java.major, default=None)
