"""Serialization shared by the rule components whose only state is their
settings (`self.cfg`)."""
from typing import Dict, Iterable

import srsly
from spacy import util


class SettingsSerializable:
    """to_bytes/from_bytes/to_disk/from_disk for a component that keeps its
    settings in `self.cfg` and checks them in `self._validate_cfg()`."""

    cfg: Dict

    def _validate_cfg(self) -> None:
        pass

    def _load_cfg(self, cfg: Dict) -> None:
        self.cfg.update(cfg)
        self._validate_cfg()

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        """Serialize the component's settings to a bytestring.

        RETURNS (bytes): The serialized settings.
        """
        serializers = {"cfg": lambda: srsly.json_dumps(self.cfg)}
        return util.to_bytes(serializers, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()):
        """Load the component's settings from a bytestring.

        bytes_data (bytes): The data to load.
        RETURNS: The component.
        """
        deserializers = {"cfg": lambda b: self._load_cfg(srsly.json_loads(b))}
        util.from_bytes(bytes_data, deserializers, exclude)
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        """Serialize the component's settings to a directory.

        path (str / Path): A path to a directory, created if it doesn't exist.
        """
        serializers = {"cfg": lambda p: srsly.write_json(p.with_suffix(".json"), self.cfg)}
        util.to_disk(path, serializers, exclude)

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()):
        """Load the component's settings from a directory.

        path (str / Path): A path to a directory.
        RETURNS: The component.
        """
        deserializers = {"cfg": lambda p: self._load_cfg(srsly.read_json(p.with_suffix(".json")))}
        util.from_disk(path, deserializers, exclude)
        return self
