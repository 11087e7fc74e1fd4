"""The build's worker processes (photos, share cards), and stopping a build cleanly.

Workers run at a lower priority, so page rendering in the main process keeps its core, and
they ignore SIGINT: Ctrl+C reaches the whole process group, and the main process decides
what happens (on a failed or interrupted build it terminates them; queued jobs are dropped).
During `scripts/warta build`, SIGINT and SIGTERM raise `Interrupted` in the main process, so
the build can stop its workers and remove its temporary folder before it exits.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import weakref
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_live: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()  # started, not yet stopped


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # not on Windows
        os.nice(10)


def start_pool() -> ProcessPoolExecutor:
    """One worker per core, spawned (never forked from a process holding threads and locks).

    The workers are started here, with SIGINT ignored in this process for those few
    milliseconds: a spawned Python keeps an ignored SIGINT ignored, so a Ctrl+C that reaches
    the process group while a worker is still starting cannot print its traceback (the
    initializer alone runs too late for that)."""
    workers = os.cpu_count() or 2
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        for _ in range(workers):  # each submit with no idle worker starts one
            pool.submit(os.getpid)
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    _live.add(pool)
    return pool


def stop_pool(pool: ProcessPoolExecutor | None, *, kill: bool) -> None:
    """Stop `pool`: after its jobs are done (`kill=False`), or at once (`kill=True`: queued
    jobs are cancelled, running ones terminated). Safe to call twice."""
    if pool is None:
        return
    _live.discard(pool)
    if not kill:
        pool.shutdown(wait=True)
        return
    processes = list((pool._processes or {}).values())  # no public way before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
    pool.shutdown(wait=True)  # the manager thread notices the dead workers and ends


def stop_all() -> None:
    """Terminate every pool not stopped yet (an interrupted build, or the interpreter exiting
    after an error that no build event saw)."""
    for pool in list(_live):
        stop_pool(pool, kill=True)


# At exit, concurrent.futures waits for every queued job of a live pool before the process can
# end (its own hook, run before threads are joined). Ours is registered later, so it runs
# first, and a `mkdocs build` stopped by Ctrl+C ends at once instead of rendering on.
getattr(threading, "_register_atexit", lambda fn: None)(stop_all)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived during a build (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = "Ctrl+C" if signum == signal.SIGINT else signal.Signals(signum).name


_held: list[int] | None = None  # signals that arrived inside `uninterrupted`


def _on_signal(signum: int, frame) -> None:
    if _held is not None:
        _held.append(signum)
        return
    raise Interrupted(signum)


@contextmanager
def signals_stop_build() -> Iterator[None]:
    """Inside, SIGINT and SIGTERM raise `Interrupted` (in the main thread)."""
    previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def uninterrupted(*, then_stop: bool) -> Iterator[None]:
    """A step a signal must not cut in half (creating, swapping or removing folders, stopping
    workers). A signal that arrives meanwhile stops the build after the step (`then_stop`), or
    is dropped: the build has already succeeded, or is already ending."""
    global _held
    _held = []
    try:
        yield
    finally:
        held, _held = _held, None
    if held and then_stop:
        raise Interrupted(held[0])
