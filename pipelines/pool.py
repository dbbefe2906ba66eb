"""A small pool of extraction processes with a wall-clock limit per page.

Extraction is a pure function of plain data (bytes, URL, a few keyword arguments) that returns a dict, so it
can run in other processes: the crawl's reactor thread only ships a page and receives a dict, and every core
extracts. ``concurrent.futures.ProcessPoolExecutor`` cannot stop one stuck task, so each worker process here
has one feeding thread in the parent: it keeps two jobs in the worker's pipe (the one being extracted and the
next, so the worker never waits for the busy crawl process to send it another) and reads the answers in order.
A watchdog thread kills a worker whose current job has run ``timeout`` seconds; a fresh worker takes its place,
the job's outcome is ``"timeout"`` and the job queued behind it is sent again. A worker that dies (crash, out of
memory) is replaced the same way (``"crashed"``).

Workers come from a ``forkserver`` that has imported the extractor and loaded what every worker needs once
(``pipelines/preload.py``; started in the background by :func:`start_forkserver` as early as the crawl knows
it will use workers, so the import overlaps the crawl's start-up), so a replacement starts in milliseconds and
no worker is forked from the multi-threaded crawl process. Workers ignore SIGINT (the parent decides when they
stop) and are terminated, killed if need be, and reaped by :meth:`ExtractPool.close`.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from typing import Any

logger = logging.getLogger(__name__)

#: The extraction function workers call unless told otherwise (CONGDOAN_EXTRACT_FUNCTION, for tests).
DEFAULT_FUNCTION = "pipelines.extract.page.extract_page"


#: Seconds a new worker may take to import the extractor.
STARTUP_TIMEOUT = 120.0
#: Jobs sent to a worker at once: the one it extracts and the next one, waiting in its pipe.
DEPTH = 2


def default_workers() -> int:
    """Worker processes for this machine: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve(name: str) -> Callable[..., Any]:
    """The function named ``package.module.function``."""
    module, _, attribute = name.rpartition(".")
    if not module:
        raise ValueError(f"{name!r} is not a dotted function name")
    return getattr(importlib.import_module(module), attribute)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one job: ``status`` is ``ok`` (``value`` holds the result), ``timeout``, ``crashed``
    (the worker died) or ``error`` (the function raised; ``value`` holds the message)."""

    status: str
    value: Any = None
    extra: Any = None  # what the job's ``also`` function returned (None when it raised)


def _serve(conn: Connection, function: str) -> None:
    """Worker process: answer jobs from the pipe until it closes or sends None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0  # langdetect is random unless seeded, in every process
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    extract = resolve(function)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        args, kwargs, also, then = job
        try:
            answer = ("ok", _then(then, extract(*args, **kwargs)), _also(also, args))
        except Exception as error:  # noqa: BLE001 - the parent counts it; the worker lives on
            answer = ("error", f"{type(error).__name__}: {error}", None)
        conn.send(answer)


def _also(name: str | None, args: tuple) -> Any:
    """``name(*args)`` for a job that asks for it; None when it raises (it is an extra, not the job)."""
    if name is None:
        return None
    try:
        return resolve(name)(*args)
    except Exception:  # noqa: BLE001
        logger.debug("%s failed", name, exc_info=True)
        return None


def _then(then: tuple[str, tuple] | None, value: Any) -> Any:
    """``name(value, *extra)`` for a job that asks for it (``then = (name, extra)``); ``value`` itself when it
    raises (it is an extra, not the job)."""
    if then is None:
        return value
    try:
        return resolve(then[0])(value, *then[1])
    except Exception:  # noqa: BLE001
        logger.debug("%s failed", then[0], exc_info=True)
        return value


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: Any, function: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, function), daemon=True,
                                       name="congdoan-extract")
        self.process.start()
        child.close()
        self.started: float | None = None  # when its current job began (monotonic), None when idle
        self.timed_out = False  # set by the watchdog before it kills the process
        # imports happen before the first job: the time limit is for extracting, not for starting up
        if not self.conn.poll(STARTUP_TIMEOUT) or self.conn.recv() != "ready":
            self.stop(grace=0)
            raise RuntimeError(f"an extraction worker did not start within {STARTUP_TIMEOUT} s")

    def stop(self, grace: float) -> None:
        """Ask the worker to finish, then terminate and kill it if it does not; always reap it."""
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(grace)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        self.process.close()


#: Modules the forkserver imports before it forks a worker (see pipelines/preload.py).
PRELOAD = "pipelines.preload"
_forkserver_started = threading.Lock()


def start_forkserver(function: str = DEFAULT_FUNCTION) -> Any:
    """Start the workers' forkserver in the background, if not yet started; return its multiprocessing context.

    It imports :data:`PRELOAD` and ``function``'s module (about a second of CPU, on the other core), so call
    this as early as the crawl knows it will use workers: the first page then waits for none of it. In a
    re-crawl of a few unchanged listing pages, that wait was most of the crawl."""
    context = multiprocessing.get_context("forkserver")
    if _forkserver_started.acquire(blocking=False):  # once per process; ensure_running is idempotent anyway
        context.set_forkserver_preload(sorted({PRELOAD, function.rpartition(".")[0]}))
        threading.Thread(target=forkserver.ensure_running, name="congdoan-extract-forkserver", daemon=True).start()
    return context


class ExtractPool:
    """``workers`` extraction processes; :meth:`submit` a job, get its :class:`Outcome` through a callback.

    Callbacks run on the pool's feeding threads: hand the outcome to your own event loop from there (the
    crawl uses ``reactor.callFromThread``).
    """

    def __init__(self, workers: int, timeout: float, function: str = DEFAULT_FUNCTION) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        if not timeout > 0:
            raise ValueError(f"the extraction time limit must be positive, not {timeout}")
        if function != DEFAULT_FUNCTION:  # the default is the workers' to import, not this process's
            resolve(function)  # fail here, with the name, rather than in every worker
        self.timeout = timeout
        self.function = function
        self.replaced = 0  # workers replaced after a timeout or a crash
        self._context = start_forkserver(function)
        self._jobs: queue.SimpleQueue[tuple | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._threads = [threading.Thread(target=self._feed, name=f"congdoan-extract-{n}", daemon=True)
                         for n in range(workers)]
        self._closed = False
        self._waiting = 0  # feeding threads waiting for a job with none in hand
        self._stopping = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, name="congdoan-extract-watchdog", daemon=True)
        for thread in (*self._threads, self._watchdog):
            thread.start()

    def submit(self, args: tuple, kwargs: dict[str, Any], done: Callable[[Outcome], None],
               also: str | None = None, then: tuple[str, tuple] | None = None) -> None:
        """Run ``function(*args, **kwargs)`` in a worker; ``done(outcome)`` is called once, from a pool thread.
        ``also`` names a second function the worker calls with ``args`` (its result is ``outcome.extra``): work
        on the same input that would otherwise be done in the parent. ``then = (name, extra)`` names a function the
        worker passes the result to, with ``extra`` arguments; what it returns is ``outcome.value`` (work on
        the result that would otherwise be done in the parent, such as dedupe fingerprints)."""
        if self._closed:
            raise RuntimeError("the extraction pool is closed")
        self._jobs.put((args, kwargs, also, then, done))

    def close(self) -> None:
        """Finish the jobs already submitted, then stop and reap every worker."""
        if self._closed:
            return
        self._closed = True
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._stopping.set()
        self._watchdog.join()

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.function)
        with self._lock:
            self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, grace: float) -> None:
        with self._lock:
            self._workers.remove(worker)
        worker.stop(grace)

    def _feed(self) -> None:
        """One feeding thread: owns one worker at a time, replacing it when it hangs or dies."""
        worker: _Worker | None = None
        held: deque[tuple] = deque()  # this thread's jobs not answered yet, oldest (the one being extracted) first
        delivered = 0  # how many of them the current worker has been sent
        closing = False
        try:
            while True:
                while not closing and len(held) < DEPTH:
                    if held and self._waiting:
                        break  # another worker has nothing to do: the next job is for it
                    try:
                        job = self._next(block=not held)
                    except queue.Empty:
                        break
                    if job is None:
                        closing = True
                    else:
                        held.append(job)
                if not held:
                    return
                try:
                    if worker is None:
                        worker, delivered = self._start(), 0
                    while delivered < len(held):
                        if not delivered:
                            worker.started = time.monotonic()
                        # blocks while the pipe is full; the watchdog ends a wait behind a stuck job
                        worker.conn.send(held[delivered][:4])
                        delivered += 1
                    outcome = Outcome(*worker.conn.recv())
                except (EOFError, OSError, RuntimeError):
                    outcome = Outcome("timeout" if worker is not None and worker.timed_out else "crashed")
                job = held.popleft()
                if outcome.status in ("timeout", "crashed"):
                    if worker is not None:
                        self._retire(worker, grace=0)
                        worker = None
                        self.replaced += 1
                else:
                    delivered -= 1
                    worker.started = time.monotonic() if delivered else None  # the next job begins now
                try:
                    job[4](outcome)
                except Exception:  # a callback must not stop the pool
                    logger.exception("Extraction callback failed")
        finally:
            if worker is not None:
                self._retire(worker, grace=5.0)

    def _next(self, block: bool) -> tuple | None:
        """The next job from the queue (None: close); counts the feeding threads waiting with nothing to do."""
        if not block:
            return self._jobs.get(block=False)
        with self._lock:
            self._waiting += 1
        try:
            return self._jobs.get()
        finally:
            with self._lock:
                self._waiting -= 1

    def _watch(self) -> None:
        """Watchdog thread: kill a worker whose current job has run past the time limit (its feeding thread,
        waiting for the answer or to hand over the next job, then sees the pipe close)."""
        step = min(1.0, self.timeout / 10)
        while not self._stopping.wait(step):
            now = time.monotonic()
            with self._lock:
                for worker in self._workers:
                    started = worker.started
                    if started is not None and now - started > self.timeout and not worker.timed_out:
                        worker.timed_out = True
                        worker.process.kill()
