"""Java libraries from Debian, run from the project's tests: a class path made of a package's jars
and those of the packages it depends on (Debian installs jars, not command scripts)."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
# .ci/run installs the tools and sets this, so that there a missing tool fails its tests
# instead of skipping them.
REQUIRED = os.environ.get("ITTIFOQ_REQUIRE_TOOLS") == "1"
# slf4j ships bridges and bindings that refuse to share a class path; take the API and one binding.
SLF4J = ("slf4j-api.jar", "slf4j-nop.jar")


def _package_jars(package: str) -> list[Path]:
    out = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False).stdout
    # Debian installs each jar twice, versioned and as an unversioned symlink: take the symlinks.
    return [Path(p) for p in out.split() if p.startswith(f"{JAVA_DIR}/") and p.endswith(".jar")
            and not re.search(r"-\d[\w.]*\.jar$", p)]


@functools.cache
def classpath(package: str, marker_jar: str) -> str | None:
    """The class path of ``package`` and its dependencies, or None when Java or the package
    (recognised by ``marker_jar``) is not installed."""
    if shutil.which("java") is None or shutil.which("dpkg") is None:
        return None
    jars = _package_jars(package)
    if not any(p.name == marker_jar for p in jars):
        return None
    depends = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", package],
                             capture_output=True, text=True, check=True).stdout
    for dep in re.findall(r"([a-z0-9.+-]+)(?:\s*\([^)]*\))?", depends):
        jars += [p for p in _package_jars(dep) if "slf4j" not in p.name]
    jars += [JAVA_DIR / name for name in SLF4J]
    return ":".join(map(str, jars))


def java(classpath: str, *args: str, what: str) -> str:
    proc = subprocess.run(["java", "-cp", classpath, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return proc.stdout
