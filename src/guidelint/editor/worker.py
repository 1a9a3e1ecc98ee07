"""The lint worker process: ``python -m guidelint.editor.worker``.

Reads length-prefixed pickled ``LintRequest``s from stdin and answers each with a pickled
``Analysis`` on stdout, until stdin closes. A plain child process rather than
multiprocessing, whose "spawn" start re-imports the parent's main script.
"""

from __future__ import annotations

import pickle
import struct
import sys
from typing import BinaryIO

from guidelint.editor.analysis import analyse

HEADER = struct.Struct(">Q")


def read_frame(stream: BinaryIO) -> bytes | None:
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    return stream.read(size)


def frame(payload: bytes) -> bytes:
    return HEADER.pack(len(payload)) + payload


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    while (data := read_frame(requests)) is not None:
        answers.write(frame(pickle.dumps(analyse(pickle.loads(data)), protocol=pickle.HIGHEST_PROTOCOL)))
        answers.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
