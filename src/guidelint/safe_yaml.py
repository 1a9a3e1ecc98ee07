"""The one way guidelint reads YAML: PyYAML's safe loader, in C when libyaml is there.

Safe loading builds only plain data; tags such as ``!!python/object/apply`` are rejected,
never run. Front matter, configs, rule packs, the catalogue and profiles all come through here.
"""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError
#: valid YAML that names a tag the safe loader refuses to build ("!!python/object/apply")
ConstructorError = yaml.constructor.ConstructorError


def read(stream):
    return yaml.load(stream, Loader=SafeLoader)  # noqa: S506 - SafeLoader (C or Python)


def read_resource(path) -> object:
    """A YAML file guidelint ships (rules, lexicon, profiles): parsed once per content and kept
    between runs by guidelint.pattern_cache when a command turned it on."""
    from pathlib import Path

    from guidelint import pattern_cache

    return pattern_cache.yaml_data(Path(path).read_bytes(), read)
