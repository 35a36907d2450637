"""Apache Jena from Debian (``libapache-jena-java``) as the second engine for SPARQL and SHACL.

Debian's Jena 4.5 moved Xerces to the package ``xerces`` but left its message bundles under
``org/apache/jena/ext/xerces``: every command then dies in Jena's start-up with "internal
error". The bundles are copied to ``xerces/…`` in a folder put first on the class path.
"""

from __future__ import annotations

import functools
import tempfile
import zipfile
from pathlib import Path

import debian_java

PACKAGE = "libapache-jena-java"
MISSING = f"Apache Jena is not installed (Debian package {PACKAGE}, installed by .ci/run)"


@functools.cache
def classpath() -> str | None:
    """The class path for Jena's commands, or None when Jena or Java is not installed."""
    jars = debian_java.classpath(PACKAGE, "jena-arq.jar")
    return None if jars is None else f"{_xerces_bundles()}:{jars}"


@functools.cache
def _xerces_bundles() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ittifoq-jena-xerces-"))
    with zipfile.ZipFile(debian_java.JAVA_DIR / "jena-core.jar") as jar:
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
    return debian_java.java(cp, main_class, *args, what=f"{main_class} {' '.join(args)}")


def sparql(data: Path, query: Path) -> str:
    """ARQ's answer to a SELECT query over a dataset file, as SPARQL JSON results."""
    return run("arq.sparql", "--data", str(data), "--query", str(query), "--results=json")


def shacl(data: Path, shapes: Path) -> str:
    """Jena SHACL's validation report of a data graph, as Turtle."""
    return run("shacl.shacl", "validate", "--shapes", str(shapes), "--data", str(data))
