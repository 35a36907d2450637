"""The engine's process cannot reach the network, whatever a query says (defence in depth
behind ``query_guard``).

:func:`block_outbound_network` is called once, first thing in the process that runs the
engine, before it starts any thread: both mechanisms below apply to the calling thread and
the threads and processes it starts afterwards, not to threads already running.

* **Landlock** (Linux ≥ 6.7, ABI ≥ 4): the process may not ``connect()`` a TCP socket to any
  port except ``allowed_ports``, on any address (Landlock rules name ports, not hosts).
* **seccomp**, when no port is allowed: ``socket()`` fails for ``AF_INET``/``AF_INET6``, so
  no TCP, no UDP (hence no DNS lookup, which Landlock does not cover) and no raw socket.

What stays open: Unix sockets, pipes and files (the query process talks to the server through
them); with ``--allow-service``, TCP connections to the allowed ports on any host, and UDP,
including the DNS lookups of the allowed hosts' names. Neither mechanism needs privileges;
both are set with ``PR_SET_NO_NEW_PRIVS``. No maintained Python binding covers Landlock's
network rules (PyPI's ``landlock`` is a 1.0 pre-release for file-system rules), so the few
system calls are made here with ctypes.
"""

from __future__ import annotations

import ctypes
import os
import platform
import socket
import struct
from collections.abc import Iterable
from urllib.parse import urlsplit

# System call numbers: Landlock's are the same on every architecture; seccomp's and
# socket's are not (asm-generic numbering on aarch64).
_SYS = {
    "x86_64": {"landlock_create_ruleset": 444, "landlock_add_rule": 445, "landlock_restrict_self": 446,
               "socket": 41, "audit_arch": 0xC000003E},
    "aarch64": {"landlock_create_ruleset": 444, "landlock_add_rule": 445, "landlock_restrict_self": 446,
                "socket": 198, "audit_arch": 0xC00000B7},
}
_LANDLOCK_CREATE_RULESET_VERSION = 1 << 0
_LANDLOCK_RULE_NET_PORT = 2
_LANDLOCK_ACCESS_NET_CONNECT_TCP = 1 << 1
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_X32_SYSCALL_BIT = 0x40000000


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64)]


class _NetPortAttr(ctypes.Structure):
    _pack_ = 1  # the kernel's struct landlock_net_port_attr is packed
    _fields_ = [("allowed_access", ctypes.c_uint64), ("port", ctypes.c_uint64)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    libc.prctl.restype = ctypes.c_int
    return libc


def _error(what: str) -> str:
    return f"{what}: {os.strerror(ctypes.get_errno())}"


def ports_of(endpoints: Iterable[str]) -> set[int]:
    """The TCP ports of ``--allow-service`` endpoints (80/443 when the IRI names none)."""
    ports = set()
    for endpoint in endpoints:
        parts = urlsplit(endpoint)
        default = {"http": 80, "https": 443}.get(parts.scheme.lower())
        port = parts.port or default
        if port:
            ports.add(port)
    return ports


def landlock_abi() -> int | str:
    """The kernel's Landlock ABI version, or why there is none."""
    sys_ = _SYS.get(platform.machine())
    if sys_ is None:
        return f"no system call numbers known for {platform.machine()}"
    abi = _libc().syscall(sys_["landlock_create_ruleset"], None, ctypes.c_size_t(0),
                          ctypes.c_uint32(_LANDLOCK_CREATE_RULESET_VERSION))
    return int(abi) if abi >= 0 else _error("Landlock unavailable")


def block_outbound_network(allowed_ports: Iterable[int] = ()) -> str:
    """Forbid this process (and what it starts later) outbound network connections, except
    TCP to ``allowed_ports``. Returns a one-line status for start-up to print; never raises:
    where the kernel lacks the means, the status says so and the process runs unconfined."""
    ports = sorted({int(p) for p in allowed_ports})
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return "outbound network not blocked: " + _error("prctl(PR_SET_NO_NEW_PRIVS)")
    done = []
    landlock = _landlock(libc, ports)
    if isinstance(landlock, int):
        allowed = f" except to TCP port{'s' if len(ports) > 1 else ''} {', '.join(map(str, ports))}" if ports else ""
        done.append(f"TCP connections{allowed} (Landlock ABI {landlock})")
    if not ports:
        seccomp = _seccomp(libc)
        if seccomp is None:
            done.append("IPv4/IPv6 sockets, UDP and DNS included (seccomp)")
    if not done:
        return f"outbound network not blocked: {landlock}; {seccomp}"
    status = "outbound network blocked: " + "; ".join(done)
    if len(os.listdir("/proc/self/task")) > 1:
        status += " (for this thread and what it starts; threads already running are not covered)"
    if not isinstance(landlock, int):
        status += f" ({landlock})"
    return status


def _landlock(libc, ports: list[int]) -> int | str:
    abi = landlock_abi()
    if not isinstance(abi, int):
        return abi
    if abi < 4:
        return f"Landlock ABI {abi} has no network rules (needs 4, Linux 6.7)"
    sys_ = _SYS[platform.machine()]
    attr = _RulesetAttr(0, _LANDLOCK_ACCESS_NET_CONNECT_TCP)
    fd = libc.syscall(sys_["landlock_create_ruleset"], ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)),
                      ctypes.c_uint32(0))
    if fd < 0:
        return _error("landlock_create_ruleset")
    try:
        for port in ports:
            rule = _NetPortAttr(_LANDLOCK_ACCESS_NET_CONNECT_TCP, port)
            if libc.syscall(sys_["landlock_add_rule"], ctypes.c_int(fd), ctypes.c_int(_LANDLOCK_RULE_NET_PORT),
                            ctypes.byref(rule), ctypes.c_uint32(0)) != 0:
                return _error(f"landlock_add_rule(port {port})")
        if libc.syscall(sys_["landlock_restrict_self"], ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
            return _error("landlock_restrict_self")
    finally:
        os.close(fd)
    return abi


def _seccomp(libc) -> str | None:
    """A filter that makes socket(AF_INET/AF_INET6, …) fail with EACCES; None when set."""
    sys_ = _SYS.get(platform.machine())
    if sys_ is None:
        return f"seccomp: no system call numbers known for {platform.machine()}"

    def op(code: int, jt: int, jf: int, k: int) -> bytes:
        return struct.pack("=HBBI", code, jt, jf, k)

    ld_w_abs, jeq_k, ret_k = 0x20, 0x15, 0x06
    allow, deny = 0x7FFF0000, 0x00050000 | 13  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EACCES
    program = [
        op(ld_w_abs, 0, 0, 4),  # seccomp_data.arch
        op(jeq_k, 1, 0, sys_["audit_arch"]),
        op(ret_k, 0, 0, allow),  # another ABI (e.g. 32-bit): its numbers differ, leave it
        op(ld_w_abs, 0, 0, 0),  # seccomp_data.nr
        op(jeq_k, 2, 0, sys_["socket"]),
        op(jeq_k, 1, 0, sys_["socket"] | _X32_SYSCALL_BIT),
        op(ret_k, 0, 0, allow),
        op(ld_w_abs, 0, 0, 16),  # seccomp_data.args[0], low 32 bits: the address family
        op(jeq_k, 2, 0, socket.AF_INET),
        op(jeq_k, 1, 0, socket.AF_INET6),
        op(ret_k, 0, 0, allow),
        op(ret_k, 0, 0, deny),
    ]
    code = ctypes.create_string_buffer(b"".join(program))
    prog = _SockFprog(len(program), ctypes.addressof(code))
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        return _error("seccomp")
    return None
