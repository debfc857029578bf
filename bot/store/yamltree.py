"""YAML text to plain data, with the line of every mapping and list.

Knowledge files use a small part of YAML: block mappings and lists, one-line flow lists
and mappings, and one-line scalars. That part is read here line by line, about twice as
fast as libyaml composing a node per value and PyYAML resolving each in Python. Text
that leaves it in any way (anchors, tags, block scalars, a scalar spanning lines, an
escape other than ``\\\\ \\" \\n \\t \\uXXXX``, a tab, a document marker, anything unexpected in
the indentation) is read by libyaml instead, with the same result: the fast reader gives
up on what it does not know, it never guesses. Scalars are resolved by PyYAML's own
resolver and constructor either way, so ``yes``, ``2025-10-13`` or ``~`` mean the same.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import yaml

INTERN_MAX = 48
"""Strings up to this long (ids, kinds) are interned: one copy however often they occur."""

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_BaseLoader):  # type: ignore[misc]
    """libyaml's parser when present; scalars that can only be strings skip the resolver."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and (
            not implicit[0] or (value and value[0] not in self.yaml_implicit_resolvers)
        ):
            return _STR
        resolved: str = super().resolve(kind, value, implicit)
        return resolved


class _Unknown(Exception):
    """The text leaves the part of YAML :class:`_Lines` reads: libyaml reads it."""


class TooMany(Exception):
    """A file's YAML expands (through aliases) to more values than its size allows."""


Lines = dict[int, int]
"""The 1-based line of each mapping and list in a parsed document, by ``id()``."""


def compose(text: str, first_line: int, budget: int) -> tuple[Any, Lines]:
    """``text``'s data (``None`` for an empty document) and its line table.

    Raises :class:`yaml.YAMLError` for text that is not YAML, :class:`TooMany` when
    aliases expand it beyond ``budget`` values.
    """
    fast = _Lines(text, first_line).document()
    if fast is not None:
        return fast
    node = yaml.compose(text, Loader=_Composer)
    if node is None:
        return None, {}
    tree = _Tree(first_line, budget)
    return tree.build(node), tree.lines


_UNSEEN = object()


class _Scalars:
    """Plain scalars resolved exactly as the composer and :class:`_Tree` resolve them."""

    first_chars = _Composer.yaml_implicit_resolvers
    resolver = yaml.resolver.Resolver()

    def __init__(self) -> None:
        self.constructor = yaml.constructor.SafeConstructor()
        self.known: dict[str, Any] = {}
        """Short scalars already resolved (keys, kinds, ids): each value is immutable."""

    def plain(self, value: str) -> Any:
        if len(value) > INTERN_MAX:
            return value if value[0] not in self.first_chars else self._resolved(value)
        known = self.known.get(value, _UNSEEN)
        if known is _UNSEEN:
            known = self.known[value] = self._resolved(value)
        return known

    def _resolved(self, value: str) -> Any:
        if value and value[0] not in self.first_chars:
            return sys.intern(value) if len(value) <= INTERN_MAX else value
        tag: str = self.resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if tag == _STR:
            return sys.intern(value) if len(value) <= INTERN_MAX else value
        try:
            return self.constructor.construct_object(yaml.ScalarNode(tag, value), deep=True)
        except Exception:  # '=' or 2025-02-30, say: libyaml's path reports it, with its line
            raise _Unknown from None


class _Tree:
    """libyaml's nodes to plain data: a leaner constructor than PyYAML's (strings, the vast
    majority, are taken as they are), with the same lines as :class:`_Lines` reports."""

    def __init__(self, first_line: int, budget: int) -> None:
        self.first_line = first_line
        self.budget = budget
        self.lines: Lines = {}
        self._scalars = yaml.constructor.SafeConstructor()
        self._left = budget

    def build(self, node: yaml.Node) -> Any:
        self._left -= 1
        if self._left < 0:
            raise TooMany
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


_OUTSIDE = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Characters the fast reader leaves to libyaml: tabs, carriage returns, controls, the
byte-order mark and YAML 1.1's other line breaks (NEL, LS, PS)."""
_PLAIN_KEY = r"([A-Za-z0-9_][A-Za-z0-9_.\-/]{0,99})"
_IN_DOUBLE = r'([^"\\]*+(?:\\(?:["\\nt]|u(?![dD][89abAB])[0-9a-fA-F]{4})[^"\\]*+)*+)'
"""A double-quoted string's inside, with the escapes read here (no surrogate halves)."""
_TAIL = r"(?: +#.*)? *"
"""What may follow a complete value on its line: spaces and a comment."""
_KEY = re.compile(_PLAIN_KEY + ":(?: +|$)")
"""A plain key and its colon, then spaces or the end of the line."""
_KEY_STRING = re.compile(_PLAIN_KEY + ': +"' + _IN_DOUBLE + '"' + _TAIL)
"""The usual line: a plain key and a double-quoted string."""
_ENDS = re.compile(_TAIL)
_DOUBLE = re.compile('"' + _IN_DOUBLE + '"')
_STRINGS = re.compile(r'\["([^"\\]*+(?:", "[^"\\]*+)*+)"\]' + _TAIL)
"""A flow list of double-quoted strings without escapes, the usual list of ids."""
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_ESCAPES = {'\\"': '"', "\\\\": "\\", "\\n": "\n", "\\t": "\t"}
_ESCAPE = re.compile(r"\\(?:u....|.)")
_FLOW_PLAIN = re.compile(r"[^,\[\]{}:#]+")
_FLOW_KEY = re.compile(_PLAIN_KEY + ": +")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


class _Lines:
    """The line-by-line reader of the plain part of YAML; see the module's docstring."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.lines = text.split("\n")
        self.at = 0
        self.table: Lines = {}
        self.scalars = _Scalars()

    def document(self) -> tuple[Any, Lines] | None:
        """The document's data and line table, or ``None`` when libyaml must read it."""
        if _OUTSIDE.search(self.text):
            return None
        try:
            indent = self._content()
            if indent < 0:
                return None
            data = self._block(indent)
            if self._content() >= 0:
                return None
        except _Unknown:
            return None
        return data, self.table

    # -- lines ------------------------------------------------------------------------

    def _content(self) -> int:
        """Move to the next line with content (not blank, not a comment): its indent, or
        -1 at the end."""
        lines = self.lines
        at = self.at
        while at < len(lines):
            line = lines[at]
            stripped = line.lstrip(" ")
            if stripped and stripped[0] != "#":
                self.at = at
                return len(line) - len(stripped)
            at += 1
        self.at = at
        return -1

    @staticmethod
    def _is_item(line: str, indent: int) -> bool:
        return line.startswith("-", indent) and (len(line) == indent + 1 or line[indent + 1] == " ")

    # -- block collections ------------------------------------------------------------

    def _block(self, indent: int) -> Any:
        line = self.lines[self.at]
        if self._is_item(line, indent):
            return self._sequence(indent)
        return self._mapping(indent, line[indent:])

    def _mapping(self, indent: int, content: str) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        self.table[id(mapping)] = self.at + self.first_line
        lines = self.lines
        plain = self.scalars.plain
        while True:
            string = _KEY_STRING.fullmatch(content)
            if string is not None:
                value = string[2]
                if "\\" in value:
                    value = _ESCAPE.sub(_unescape, value)
                mapping[plain(string[1])] = sys.intern(value) if len(value) <= INTERN_MAX else value
                self.at += 1
            elif (key := _KEY.match(content)) is None:
                raise _Unknown
            elif (rest := content[key.end() :]) and rest[0] != "#":
                mapping[plain(key[1])] = self._inline(rest)
                self.at += 1
            else:
                mapping[plain(key[1])] = self._below(indent)
            # the next line with content, as in _content() (inlined: this runs per line)
            at = self.at
            end = len(lines)
            while at < end:
                line = lines[at]
                content = line.lstrip(" ")
                if content and content[0] != "#":
                    break
                at += 1
            else:
                self.at = at
                return mapping
            self.at = at
            below = len(line) - len(content)
            if below < indent:
                return mapping
            if below > indent:
                raise _Unknown

    def _below(self, indent: int) -> Any:
        """The value of a key at ``indent`` with nothing after its colon."""
        self.at += 1
        below = self._content()
        if below > indent:
            return self._block(below)
        if below == indent and self._is_item(self.lines[self.at], indent):
            return self._sequence(indent)
        return self.scalars.plain("")

    def _sequence(self, indent: int) -> list[Any]:
        items: list[Any] = []
        self.table[id(items)] = self.at + self.first_line
        lines = self.lines
        while True:
            line = lines[self.at]
            after = line[indent + 1 :]
            content = after.lstrip(" ")
            if not content or content[0] == "#":
                self.at += 1
                below = self._content()
                items.append(self._block(below) if below > indent else self.scalars.plain(""))
            else:
                column = len(line) - len(content)
                if self._is_item(content, 0):
                    raise _Unknown
                if _KEY.match(content):
                    items.append(self._mapping(column, content))
                else:
                    items.append(self._inline(content))
                    self.at += 1
            below = self._content()
            if below < indent or (below == indent and not self._is_item(lines[self.at], indent)):
                return items
            if below > indent:
                raise _Unknown

    # -- one-line values --------------------------------------------------------------

    def _inline(self, text: str) -> Any:
        """A value written on one line: quoted, plain, or a flow list or mapping."""
        first = text[0]
        if first == "[":
            strings = _STRINGS.fullmatch(text)
            if strings is not None:
                items = [
                    sys.intern(item) if len(item) <= INTERN_MAX else item
                    for item in strings[1].split('", "')
                ]
                self.table[id(items)] = self.at + self.first_line
                return items
            return self._flow(text, [], "]")
        if first == "{":
            return self._flow(text, {}, "}")
        if first == '"' or first == "'":
            value, end = self._quoted(text, 0)
            if _ENDS.fullmatch(text, end) is None:
                raise _Unknown
            return value
        if first in _INDICATORS:
            raise _Unknown
        cut = text.find(" #")
        plain = (text if cut < 0 else text[:cut]).rstrip(" ")
        if ": " in plain or plain.endswith(":"):
            raise _Unknown
        return self.scalars.plain(plain)

    def _quoted(self, text: str, at: int) -> tuple[str, int]:
        if text[at] == '"':
            match = _DOUBLE.match(text, at)
            if match is None:
                raise _Unknown
            value = match[1]
            if "\\" in value:
                value = _ESCAPE.sub(_unescape, value)
        else:
            match = _SINGLE.match(text, at)
            if match is None:
                raise _Unknown
            value = match[1].replace("''", "'")
        return (sys.intern(value) if len(value) <= INTERN_MAX else value), match.end()

    def _flow_scalar(self, text: str, at: int) -> tuple[Any, int]:
        first = text[at : at + 1]
        if first == '"' or first == "'":
            return self._quoted(text, at)
        if not first or first in _INDICATORS:
            raise _Unknown
        match = _FLOW_PLAIN.match(text, at)
        assert match is not None  # the first character is not one it stops at
        return self.scalars.plain(match[0].rstrip(" ")), match.end()

    def _flow(self, text: str, into: Any, close: str) -> Any:
        """A flow list (``into`` a list) or mapping (a dict) closed on the same line."""
        self.table[id(into)] = self.at + self.first_line
        at = _skip(text, 1)
        if text.startswith(close, at):
            at += 1
        else:
            while True:
                if close == "]":
                    value, at = self._flow_scalar(text, at)
                    into.append(value)
                else:
                    key = _FLOW_KEY.match(text, at)
                    if key is not None:
                        name, at = self.scalars.plain(key[1]), key.end()
                    elif text.startswith(('"', "'"), at):
                        name, at = self._quoted(text, at)
                        if not text.startswith(": ", at):
                            raise _Unknown
                        at += 2
                    else:
                        raise _Unknown
                    value, at = self._flow_scalar(text, _skip(text, at))
                    into[name] = value
                at = _skip(text, at)
                if text.startswith(close, at):
                    at += 1
                    break
                if not text.startswith(",", at):
                    raise _Unknown
                at = _skip(text, at + 1)
                if text.startswith(close, at):
                    raise _Unknown  # a trailing comma: left to libyaml
        if _ENDS.fullmatch(text, at) is None:
            raise _Unknown
        return into


def _unescape(match: re.Match[str]) -> str:
    escape = match[0]
    return chr(int(escape[2:], 16)) if escape[1] == "u" else _ESCAPES[escape]


def _skip(text: str, at: int) -> int:
    while text.startswith(" ", at):
        at += 1
    return at
