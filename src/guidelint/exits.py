"""Exit codes and the usage error, shared by the command line and every command.

They live apart from ``cli`` so a command can import them without importing the module that
imports the commands (DESIGN section 5: 0 clean, 1 findings at or above ``--fail-on``,
2 usage, configuration and I/O errors).
"""

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A mistake in how guidelint was called: reported in one line, exit 2."""


class CheckCrashed(Exception):
    """A bug met while checking one file: the run still ends in one line and exit 2, but the line
    names the file, so a user can report it and skip that file meanwhile. Plain arguments, so it
    crosses back from a worker process."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path, detail)
        self.path, self.detail = path, detail

    def __str__(self) -> str:
        return f"{self.path}: {self.detail}"
