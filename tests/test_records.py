"""The classes written by hand for start-up's sake (guidelint.records) behave as the dataclasses they were."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
from functools import partial

import pytest

from guidelint.records import NEW, Compared, Frozen, Record

#: every class written as ``@dataclass`` wrote it, outside the model (tests/test_parser.py has those)
HAND_WRITTEN = {
    "guidelint.catalogue": ["Rule", "Family", "Catalogue"],
    "guidelint.checks.ethics": ["ScriptLine"],
    "guidelint.checks.objectives": ["Reference"],
    "guidelint.checks.structure": ["Cue", "Specificity", "Topic", "_Wording"],
    "guidelint.config": ["LanguageToolSettings", "Layer", "Settings"],
    "guidelint.context": ["Context"],
    "guidelint.diagnostics": ["Edit", "Fix", "Diagnostic"],
    "guidelint.discovery": ["Discovery"],
    "guidelint.parser": ["Decoded"],
    "guidelint.parser.builder": ["_Open"],
    "guidelint.parser.frontmatter": ["MisplacedFrontMatter"],
    "guidelint.parser.inline": ["Clean", "BoxMatch"],
    "guidelint.profiles": ["ExpectedSection", "Profile"],
    "guidelint.questions.findings": ["Finding", "SentenceReport"],
    "guidelint.questions.reading": ["Parsed"],
    "guidelint.reporters": ["Report"],
    "guidelint.runner": ["Checked"],
    "guidelint.timing": ["SessionLength", "StatedLength", "PlanItem"],
}
#: values for the fields a ``__post_init__`` reads
SAMPLES = {"Catalogue": {"rules": [], "families": {}}}
#: a field to change and its new value, where the first field's cannot be any text
CHANGES = {"Catalogue": ("families", {"other": None})}
CLASSES = [getattr(importlib.import_module(module), name) for module, names in HAND_WRITTEN.items() for name in names]


def _dataclass_twin(cls):
    """The dataclass the class's annotations and ``__init__`` defaults make, under the same name."""
    params = inspect.signature(cls).parameters
    required = {name: SAMPLES.get(cls.__name__, {}).get(name, f"<{name}>") for name, p in params.items() if p.default is p.empty}
    made = cls(**required)
    specs = []
    for name, p in params.items():
        annotation = cls.__annotations__[name]
        if p.default is p.empty:
            specs.append((name, annotation))
        elif p.default is NEW:
            # a copy of what the class makes (an empty list, or the default exclusions)
            specs.append((name, annotation, dataclasses.field(default_factory=partial(copy.copy, getattr(made, name)))))
        else:
            specs.append((name, annotation, dataclasses.field(default=p.default)))
    written = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__reduce__")
    namespace = {name: value for name, value in vars(cls).items()
                 if (callable(value) or isinstance(value, (property, staticmethod, classmethod))) and name not in written}
    twin = dataclasses.make_dataclass(cls.__name__, specs, frozen=issubclass(cls, Frozen), slots="__slots__" in vars(cls),
                                      namespace=namespace)
    twin.__qualname__ = cls.__qualname__
    return twin, required


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_a_hand_written_class_lists_its_fields_takes_them_and_compares_them_in_order(cls):
    declared = list(vars(cls)["__annotations__"])
    assert list(cls._FIELDS) == declared == list(cls.__match_args__) == list(cls._SHOWN)
    assert cls._key.__reduce__()[1] == cls._FIELDS
    params = inspect.signature(cls).parameters
    assert list(params) == declared and all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params.values())
    if "__slots__" in vars(cls):
        assert set(cls.__slots__) == set(declared)
    assert issubclass(cls, Compared) and cls.__mro__[1] in (Compared, Frozen)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_a_hand_written_class_behaves_as_its_dataclass_did(cls):
    twin, required = _dataclass_twin(cls)
    ours, theirs = cls(**required), twin(**required)
    assert repr(ours) == repr(theirs)
    assert [getattr(ours, name) for name in cls._FIELDS] == [getattr(theirs, f.name) for f in dataclasses.fields(twin)]
    assert ours == cls(**required) and ours != theirs
    name, value = CHANGES.get(cls.__name__, (cls._FIELDS[0], "<other>"))
    changed = ours._replace(**{name: value})
    assert changed != ours and getattr(changed, name) == value
    assert repr(changed) == repr(dataclasses.replace(theirs, **{name: value}))
    if issubclass(cls, Frozen):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(ours, name, value)
        if all(isinstance(getattr(ours, name), (str, int, float, tuple, type(None))) for name in cls._FIELDS):
            assert hash(ours) == hash(theirs)
    else:
        assert cls.__hash__ is None and twin.__hash__ is None
    assert pickle.loads(pickle.dumps(ours)) == ours


def test_the_records_module_keeps_its_bases_plain():
    assert Record.__slots__ == Compared.__slots__ == Frozen.__slots__ == ()
