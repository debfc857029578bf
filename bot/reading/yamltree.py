"""YAML text to plain data, with the line of every mapping and list (for curators' errors).

libyaml (PyYAML's ``CSafeLoader``) composes the nodes; :class:`_Tree` turns them into plain
data, counting values so that aliases cannot make a small file expand without bound.
Scalars are resolved by PyYAML's own resolver and constructor, so ``yes``, ``2025-10-13``
or ``~`` mean what YAML says.
"""

from __future__ import annotations

import math
import sys
import time
from typing import Any

import yaml

INTERN_MAX = 48
"""Strings up to this long (ids, kinds) are interned: one copy however often they occur."""

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_WORD_MAX = 5
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_BaseLoader):  # type: ignore[misc]
    """libyaml's parser when present; scalars that can only be strings skip the resolver."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and (
            not implicit[0]
            or (value and value[0] not in self.yaml_implicit_resolvers)
            # a word longer than YAML's longest boolean or null ("false") is a string
            or (len(value) > _WORD_MAX and value[0].isalpha())
        ):
            return _STR
        resolved: str = super().resolve(kind, value, implicit)
        return resolved


class TooMany(Exception):
    """A file's YAML expands (through aliases) to more values than its size allows."""


class TooSlow(Exception):
    """Reading a file took longer than its time budget."""


class TooLong(Exception):
    """The document or one of its top-level lists holds more entries than allowed, found
    before any data is built: ``args``: the count, the entries' key (``None`` for the
    document itself) and the 0-based line."""


RELEASE_EVERY = 20_000
"""Nodes freed between two chances for other threads to run."""
GENTLE_BYTES = 2 * 1024 * 1024
"""Text past which a composed tree is freed a part at a time (a file of 2,000 generated
facts is 0.85 MB, its tree freed at once in about 10 ms)."""


CHECK_EVERY = 4096
"""Values built between two looks at the clock."""


Lines = dict[int, int]
"""The 1-based line of each mapping and list in a parsed document, by ``id()``."""


def compose(
    text: str,
    first_line: int,
    budget: int,
    deadline: float = math.inf,
    *,
    keys_max: float = math.inf,
    entries_max: float = math.inf,
) -> tuple[Any, Lines]:
    """``text``'s data (``None`` for an empty document) and its line table.

    Raises :class:`yaml.YAMLError` for text that is not YAML, :class:`TooLong` for a
    top-level mapping of more than ``keys_max`` keys or a top-level list (or a list under
    a top-level key) of more than ``entries_max`` entries, :class:`TooMany` when aliases
    expand it beyond ``budget`` values, :class:`TooSlow` past ``deadline`` (a
    ``time.monotonic()`` value).
    """
    node = nodes(text)
    if node is None:
        return None, {}
    try:
        _check_length(node, keys_max, entries_max)
        tree = _Tree(first_line, budget, deadline)
        return tree.build(node), tree.lines
    finally:
        if len(text) > GENTLE_BYTES:
            _release(node)


def nodes(text: str) -> yaml.Node | None:
    """``text`` composed by libyaml, each node with its position (``None``: empty)."""
    node: yaml.Node | None = yaml.compose(text, Loader=_Composer)
    return node


def _check_length(node: yaml.Node, keys_max: float, entries_max: float) -> None:
    """Refuse a file far too long for its kind before building a value of it."""
    if isinstance(node, yaml.SequenceNode) and len(node.value) > entries_max:
        raise TooLong(len(node.value), None, node.start_mark.line)
    if not isinstance(node, yaml.MappingNode):
        return
    if len(node.value) > keys_max:
        raise TooLong(len(node.value), None, node.start_mark.line)
    for key, value in node.value:
        if isinstance(value, yaml.SequenceNode) and len(value.value) > entries_max:
            raise TooLong(len(value.value), key.value, value.start_mark.line)


def _release(node: yaml.Node) -> None:
    """Free a composed tree a part at a time, letting other threads run in between: a
    million nodes freed at once hold the interpreter for a fifth of a second or more, a
    stall the serving loop would feel while a reload reads a hostile file."""
    stack = [node]
    del node
    freed = 0
    while stack:
        item = stack.pop()
        if isinstance(item, yaml.MappingNode):
            for pair in item.value:
                stack.extend(pair)
            item.value = []
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
            item.value = []
        freed += 1
        if freed % RELEASE_EVERY == 0:
            time.sleep(0)  # lets the event loop's thread take the interpreter


class _Tree:
    """libyaml's nodes to plain data: a leaner constructor than PyYAML's (strings, the vast
    majority, are taken as they are), with the line of each mapping and list."""

    def __init__(self, first_line: int, budget: int, deadline: float = math.inf) -> None:
        self.first_line = first_line
        self.budget = budget
        self.deadline = deadline
        self.lines: Lines = {}
        self._scalars = yaml.constructor.SafeConstructor()
        self._left = budget

    def build(self, node: yaml.Node) -> Any:
        self._left -= 1
        if self._left < 0:
            raise TooMany
        if self._left % CHECK_EVERY == 0 and time.monotonic() > self.deadline:
            raise TooSlow
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                value: str = node.value
                # ids, kinds and source names repeat across thousands of records
                return sys.intern(value) if len(value) <= INTERN_MAX else value
            return self._scalars.construct_object(node, deep=True)
        if isinstance(node, yaml.SequenceNode):
            items = [self.build(child) for child in node.value]
            self.lines[id(items)] = node.start_mark.line + self.first_line
            return items
        assert isinstance(node, yaml.MappingNode)
        mapping: dict[Any, Any] = {}
        self.lines[id(mapping)] = node.start_mark.line + self.first_line
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = self.build(value_node)
                for part in merged if isinstance(merged, list) else [merged]:
                    for key, value in part.items():
                        mapping.setdefault(key, value)
                continue
            mapping[self.build(key_node)] = self.build(value_node)
        return mapping
