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
