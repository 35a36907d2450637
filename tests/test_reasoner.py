"""The ontology is in OWL 2 DL, and a reasoner finds it and the data consistent, with no
unsatisfiable class; a resource given a type that the disjointness axioms forbid is caught.

Profile: the OWL API's ``OWL2DLProfile`` (Debian's ``libowlapi-java``), run by
``tests/tools/OwlProfileCheck.java``. Reasoner: HermiT as owlready2 (PyPI) ships it, on Java
from Debian. HermiT refuses ``xsd:date``, ``xsd:gYearMonth`` and ``xsd:gYear`` (OWL 2's datatype
map has none of them) and owlready2 cannot pass it options, so HermiT's own command line runs
with ``--ignoreUnsupportedDatatypes``: the data keeps its dates, and the reasoner leaves their
values unchecked (the SHACL shapes check them).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

import debian_java
from conftest import ROOT

ITT = "https://w3id.org/ittifoq/ontology/"
ID = "https://w3id.org/ittifoq/id/"
OWL_NOTHING = "owl:Nothing"
ONTOLOGY = ROOT / "ontology" / "ittifoq.ttl"
PROFILE_CHECK = Path(__file__).parent / "tools" / "OwlProfileCheck.java"

pytestmark = pytest.mark.slow


def hermit_classpath() -> str | None:
    try:
        import owlready2
    except ImportError:
        return None
    folder = Path(owlready2.__file__).parent / "hermit"
    if shutil.which("java") is None or not (folder / "HermiT.jar").is_file():
        return None
    return f"{folder / 'HermiT.jar'}:{folder}"


def owlapi_classpath() -> str | None:
    # A Java source file needs the compiler module, which comes with the JDK.
    if shutil.which("javac") is None:
        return None
    return debian_java.classpath("libowlapi-java", "owlapi-distribution.jar")


needs_hermit = pytest.mark.skipif(
    hermit_classpath() is None and not debian_java.REQUIRED,
    reason="owlready2 (test extra) or Java (Debian, installed by .ci/run) missing")
needs_owlapi = pytest.mark.skipif(
    owlapi_classpath() is None and not debian_java.REQUIRED,
    reason="the OWL API or the JDK (Debian: libowlapi-java, default-jdk-headless) missing")


def reason(path: Path) -> tuple[bool, set[str]]:
    """HermiT on an RDF file: whether it is consistent, and its unsatisfiable classes."""
    assert hermit_classpath(), "owlready2 (test extra) or Java (Debian, installed by .ci/run) missing"
    proc = subprocess.run(
        ["java", "-Xmx2000M", "-cp", hermit_classpath(), "org.semanticweb.HermiT.cli.CommandLine",
         "--consistency", "--unsatisfiable", "--ignoreUnsupportedDatatypes", path.resolve().as_uri()],
        capture_output=True, text=True, check=False)
    if "InconsistentOntologyException" in proc.stderr:
        return False, set()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "owl#Thing is satisfiable" in proc.stdout, proc.stdout
    lines = proc.stdout.split("Classes equivalent to 'owl:Nothing':", 1)[1].split()
    return True, set(lines)


def triples_file(kg, tmp_path: Path, extra: str = "") -> Path:
    """Every statement of every graph (the ontology's too), once, plus ``extra`` N-Triples."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in kg.store}
    path = tmp_path / "all.nt"
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) + extra.encode())
    return path


@needs_owlapi
def test_ontology_is_in_owl2_dl():
    assert owlapi_classpath(), "the OWL API or the JDK (Debian: libowlapi-java, default-jdk-headless) missing"
    proc = subprocess.run(["java", "-cp", owlapi_classpath(), str(PROFILE_CHECK), str(ONTOLOGY)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert int(proc.stdout.split("axioms\t")[1]) > 1000


@needs_owlapi
def test_profile_check_reports_a_data_property_under_an_annotation_property(tmp_path):
    # The mistake the ontology made before: a data property as sub-property of skos:editorialNote.
    broken = tmp_path / "broken.ttl"
    broken.write_text(ONTOLOGY.read_text(encoding="utf-8").replace(
        "itt:derivation a owl:AnnotationProperty", "itt:derivation a owl:DatatypeProperty"), encoding="utf-8")
    proc = subprocess.run(["java", "-cp", owlapi_classpath(), str(PROFILE_CHECK), str(broken)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "IllegalPunning" in proc.stdout and "editorialNote" in proc.stdout


@needs_hermit
def test_ontology_alone_is_consistent_with_no_unsatisfiable_class(tmp_path):
    consistent, unsatisfiable = reason(ONTOLOGY)
    assert consistent
    assert unsatisfiable == {OWL_NOTHING}


@needs_hermit
def test_ontology_and_data_are_consistent_with_no_unsatisfiable_class(kg, tmp_path):
    consistent, unsatisfiable = reason(triples_file(kg, tmp_path))
    assert consistent
    assert unsatisfiable == {OWL_NOTHING}


@needs_hermit
@pytest.mark.parametrize("wrong", [
    # A person typed as a state (states, persons and organisations are disjoint).
    f"<{ID}person/shavkat-mirziyoyev> a <{ITT}State> .",
    # An agreement typed as an event (kinds of facts are disjoint).
    f"<{ID}agreement/treaty-on-allied-relations> a <{ITT}Visit> .",
    # An office used as a place, through itt:location's range.
    f"<{ID}event/2019-04-tokayev-state-visit-to-uzbekistan> <{ITT}location> <{ID}office/president-of-uzbekistan> .",
], ids=["person-as-state", "agreement-as-visit", "office-as-place"])
def test_a_wrong_type_makes_the_data_inconsistent(kg, tmp_path, wrong):
    nt = wrong.replace(" a ", " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ")
    consistent, _ = reason(triples_file(kg, tmp_path, nt + "\n"))
    assert not consistent
