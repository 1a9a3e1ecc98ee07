"""Where lints run: a worker process by default, or a thread.

Parsing is pure Python, so a lint in a thread competes with the UI for the interpreter lock;
benchmarks/editor_latency.py measures what that does to typing. One worker process
(``guidelint.editor.worker``) keeps the UI thread free; requests and results are plain
pickled data. One lint runs at a time; the app drops a result whose version is older than
the text on screen.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from guidelint.editor.analysis import Analysis, LintRequest, analyse
from guidelint.editor.worker import HEADER, frame


class WorkerGone(Exception):
    pass


class LintRunner:
    def __init__(self, mode: str = "process") -> None:
        if mode not in ("process", "thread"):
            raise ValueError(f"mode must be 'process' or 'thread', not {mode!r}")
        self.mode = mode
        self._process: asyncio.subprocess.Process | None = None
        self._threads: ThreadPoolExecutor | None = None
        self._lock = asyncio.Lock()
        #: why the runner fell back from a process to a thread, to tell the author once
        self.fallback_reason: str | None = None

    async def run(self, request: LintRequest) -> Analysis:
        async with self._lock:
            if self.mode == "process":
                try:
                    return await self._in_process(request)
                except (OSError, WorkerGone, EOFError, pickle.UnpicklingError) as exc:
                    # no worker (sandbox, killed, out of memory): check in a thread rather than not at all
                    await self._stop_process()
                    self.mode = "thread"
                    self.fallback_reason = f"the lint worker stopped ({exc or type(exc).__name__}); checking in a thread"
            return await self._in_thread(request)

    async def _in_process(self, request: LintRequest) -> Analysis:
        process = self._process
        if process is None or process.returncode is not None:
            process = self._process = await self._start()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(frame(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)))
        await process.stdin.drain()
        try:
            header = await process.stdout.readexactly(HEADER.size)
            (size,) = HEADER.unpack(header)
            return pickle.loads(await process.stdout.readexactly(size))
        except asyncio.IncompleteReadError:
            raise WorkerGone("it exited") from None

    async def _start(self) -> asyncio.subprocess.Process:
        package_root = str(Path(__file__).resolve().parents[2])  # the folder holding guidelint/
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "guidelint.editor.worker",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
            env=env,
        )

    async def _in_thread(self, request: LintRequest) -> Analysis:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guidelint-lint")
        return await asyncio.get_running_loop().run_in_executor(self._threads, analyse, request)

    async def close(self) -> None:
        await self._stop_process()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._threads = None

    async def _stop_process(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.returncode is None:
            try:
                process.kill()
            except ProcessLookupError:
                pass
        # read the pipes to their end so asyncio can release them while the loop still runs
        try:
            await asyncio.wait_for(process.communicate(), timeout=5)
        except (asyncio.TimeoutError, OSError):
            pass
