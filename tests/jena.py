"""Apache Jena from Debian (``libapache-jena-java``) as the second engine for SPARQL and SHACL.

Debian installs the jars but no command scripts, so the commands (``arq.sparql``,
``shacl.shacl``) run from a class path made of the package's jars and those of the packages it
depends on. Debian's Jena 4.5 moved Xerces to the package ``xerces`` but left its message
bundles under ``org/apache/jena/ext/xerces``: every command then dies in Jena's start-up with
"internal error". The bundles are copied to ``xerces/…`` in a folder put on the class path.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "libapache-jena-java"
JAVA_DIR = Path("/usr/share/java")
# slf4j ships bridges and bindings that refuse to share a class path; Jena needs the API and one binding.
SLF4J = ("slf4j-api.jar", "slf4j-nop.jar")
MISSING = f"Apache Jena is not installed (Debian package {PACKAGE}, installed by .ci/run)"


def _package_jars(package: str) -> list[Path]:
    out = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False).stdout
    # Debian installs each jar twice, versioned and as an unversioned symlink: take the symlinks.
    return [Path(p) for p in out.split() if p.startswith(f"{JAVA_DIR}/") and p.endswith(".jar")
            and not re.search(r"-\d[\w.]*\.jar$", p)]


@functools.cache
def classpath() -> str | None:
    """The class path for Jena's commands, or None when Jena or Java is not installed."""
    if shutil.which("java") is None or shutil.which("dpkg") is None:
        return None
    jena = _package_jars(PACKAGE)
    if not any(p.name == "jena-arq.jar" for p in jena):
        return None
    depends = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", PACKAGE],
                             capture_output=True, text=True, check=True).stdout
    jars = list(jena)
    for dep in re.findall(r"([a-z0-9.+-]+)(?:\s*\([^)]*\))?", depends):
        jars += [p for p in _package_jars(dep) if "slf4j" not in p.name]
    jars += [JAVA_DIR / name for name in SLF4J]
    return ":".join([str(_xerces_bundles()), *map(str, jars)])


@functools.cache
def _xerces_bundles() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ittifoq-jena-xerces-"))
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = folder / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return folder


def run(main_class: str, *args: str) -> str:
    cp = classpath()
    if cp is None:
        raise RuntimeError(MISSING)
    proc = subprocess.run(["java", "-cp", cp, main_class, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{main_class} {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return proc.stdout


def sparql(data: Path, query: Path) -> str:
    """ARQ's answer to a SELECT query over a dataset file, as SPARQL JSON results."""
    return run("arq.sparql", "--data", str(data), "--query", str(query), "--results=json")


def shacl(data: Path, shapes: Path) -> str:
    """Jena SHACL's validation report of a data graph, as Turtle."""
    return run("shacl.shacl", "validate", "--shapes", str(shapes), "--data", str(data))
