"""The one way guidelint reads YAML: PyYAML's safe loader, in C when libyaml is there (PyYAML
is imported when YAML is first parsed).

Safe loading builds only plain data; tags such as ``!!python/object/apply`` are rejected,
never run. Front matter, configs, rule packs, the catalogue and profiles all come through here.

Safe is not yet bounded. An alias bomb (``&a [x, x]``, ``&b [*a, *a]``, …) is a few lines that
stand for billions of values: loading it is cheap, because aliases share one object, but any
walk over the result (a check, a message that shows a value) expands it. So the document is
composed first and its size with every alias expanded is counted once per node (linear in
the text); a document whose aliases add more than ``MAX_ALIAS_EXPANSION`` values, or whose
alias refers to the value holding it, is refused before anything is built. So is an integer
too long for Python to convert.
"""

from __future__ import annotations

from functools import lru_cache

#: values aliases may add beyond what the document writes out; real configs and front matter
#: add a handful
MAX_ALIAS_EXPANSION = 10_000
#: Python refuses to convert longer integer literals (sys.get_int_max_str_digits)
_MAX_DIGITS = 4300
_INT_TAG = "tag:yaml.org,2002:int"


class _PyYAML:
    """PyYAML and the names guidelint takes from it: ``SafeLoader`` (in C when libyaml is there),
    ``YAMLError``, ``ConstructorError`` (valid YAML that names a tag the safe loader refuses to
    build, "!!python/object/apply") and ``Refused``. Made when YAML is first parsed, or one of
    these names first read (``safe_yaml.YAMLError``): a check whose front matter, config and
    shipped files guidelint.pattern_cache keeps as parsed never imports PyYAML, which took about
    5 ms of a one-guide check."""

    __slots__ = ("yaml", "SafeLoader", "YAMLError", "ConstructorError", "Refused")

    def __init__(self) -> None:
        import yaml

        class Refused(yaml.YAMLError):
            """Well-formed YAML that guidelint will not build: an alias bomb, a self-reference, a
            number too long to convert. ``problem`` and ``problem_mark`` as PyYAML's own errors."""

            def __init__(self, problem: str, mark=None) -> None:
                super().__init__(problem)
                self.problem = problem
                self.problem_mark = mark

        Refused.__qualname__ = "Refused"  # found by name (pickle), as a class of the module's own is
        self.yaml = yaml
        self.SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        self.YAMLError = yaml.YAMLError
        self.ConstructorError = yaml.constructor.ConstructorError
        self.Refused = Refused


@lru_cache(maxsize=1)
def _pyyaml() -> _PyYAML:
    return _PyYAML()


def __getattr__(name: str):
    """``safe_yaml.YAMLError`` and the other names from PyYAML, read by another module (PEP 562)."""
    if name in _PyYAML.__slots__:
        value = globals()[name] = getattr(_pyyaml(), name)  # read directly from then on
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read(stream):
    y = _pyyaml()
    loader = y.SafeLoader(stream)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if not _plainly_small(stream):
            _check_size(node)
        return loader.construct_document(node)
    except RecursionError:
        raise y.Refused("values are nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # a date such as 2024-13-45 that resolves but cannot be built
        raise y.Refused(f"a value cannot be read: {exc}") from None
    finally:
        loader.dispose()


def _plainly_small(stream) -> bool:
    """Text that cannot hold what ``_check_size`` refuses: without a ``*`` it has no alias, so its
    nodes form a tree (nothing expands, nothing holds itself), and an integer too long to convert
    needs more characters than it has. Most front matter is such text; checking its nodes took
    half the time of reading it."""
    if isinstance(stream, str):
        return len(stream) <= _MAX_DIGITS and "*" not in stream
    if isinstance(stream, bytes):
        return len(stream) <= _MAX_DIGITS and b"*" not in stream
    return False


def _children(node) -> list:
    yaml = _pyyaml().yaml
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _check_size(root) -> None:
    """Refuse what would blow up once built; one visit per node, children before parents."""
    y = _pyyaml()
    expanded: dict[int, int] = {}  # id(node) -> values it stands for, aliases expanded
    on_path: set[int] = set()
    written = 0
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            # capped so a deep bomb's count stays a small number
            expanded[key] = min(1 + sum(expanded[id(c)] for c in _children(node)), 1 << 62)
            if expanded[key] - written > MAX_ALIAS_EXPANSION:  # the whole cannot be smaller: say where
                raise y.Refused(f"its aliases expand to more than {MAX_ALIAS_EXPANSION:,} values beyond those "
                                "written out (an alias bomb?)", node.start_mark)
            continue
        if key in expanded:
            continue
        if key in on_path:  # reached again from inside itself
            raise y.Refused("an alias refers to the value that holds it", node.start_mark)
        if isinstance(node, y.yaml.ScalarNode) and node.tag == _INT_TAG and len(node.value) > _MAX_DIGITS:
            raise y.Refused(f"a number of {len(node.value):,} characters is too long to read", node.start_mark)
        on_path.add(key)
        written += 1
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in expanded)


def read_resource(path) -> object:
    """A YAML file guidelint ships (rules, lexicon, profiles): parsed once per content and kept
    between runs by guidelint.pattern_cache when a command turned it on."""
    from pathlib import Path

    from guidelint import pattern_cache

    return pattern_cache.yaml_data(Path(path), read)
