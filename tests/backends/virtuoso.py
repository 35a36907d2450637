"""A real Virtuoso (Debian's ``virtuoso-opensource``, what DBpedia runs on) for the tests: a
fresh database in a temporary folder, its SQL and HTTP ports free ones on 127.0.0.1, filled
with a dataset by Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run``)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from pathlib import Path

from net import free_port, stop, wait_until_answered

SERVER = "virtuoso-t"
ISQL = "isql-vt"  # Debian's name for Virtuoso's isql (isql is unixODBC's)

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def missing() -> str | None:
    """Why Virtuoso cannot run here, or None."""
    for exe in (SERVER, ISQL):
        if shutil.which(exe) is None:
            return f"{exe} is not installed (Debian package virtuoso-opensource)"
    return None


def _isql(sql_port: int, sql: str) -> str:
    done = subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={sql}"],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql failed on {sql!r}:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
    return done.stdout


# Virtuoso keeps no default graph apart: the dataset's default graph (the consolidated view)
# is loaded into this graph, which the server is told of (--backend-default-graph).
DEFAULT_GRAPH = "urn:ittifoq:default-graph"


@contextlib.contextmanager
def virtuoso(workdir: Path, dataset: Path, *, ready_within: float = 180):
    """Start Virtuoso in ``workdir``, bulk-load ``dataset`` (N-Quads: each quad into its
    graph), yield its SPARQL endpoint URL; stop it afterwards."""
    workdir.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(INI.format(dir=workdir, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    shutil.copy(dataset, workdir / dataset.name)
    log = open(workdir / "stdout.txt", "wb")
    proc = subprocess.Popen([SERVER, "+foreground", "+configfile", str(ini)], cwd=workdir,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    endpoint = f"http://127.0.0.1:{http_port}/sparql"
    try:
        # A fresh database is created on the first start (a few seconds): poll until the
        # SPARQL endpoint answers, or the process ends.
        wait_until_answered(endpoint + "?query=ASK%7B%7D", proc, ready_within, lambda: (
            "Virtuoso did not start:\n" + (workdir / "stdout.txt").read_text(errors="replace")[-2000:]))
        _isql(sql_port, f"ld_dir('{workdir}', '{dataset.name}', '{DEFAULT_GRAPH}'); "
                        "rdf_loader_run(); checkpoint;")
        errors = _isql(sql_port, "SELECT ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        if "0 Rows" not in errors:
            raise RuntimeError(f"Virtuoso's loader failed on {dataset}:\n{errors}")
        yield endpoint
    finally:
        stop(proc, grace=60)
        log.close()
