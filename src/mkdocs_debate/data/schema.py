"""What each field of a data file must hold, declared on the typed object it fills.

A frozen dataclass of the data layer says, in its fields' metadata, what the
YAML key behind each field may hold: ``field(spec(...))``. From that one
declaration,

- ``findings(cls, raw, subject)`` says what is wrong with a mapping, each
  problem at the line of the key itself (``(line, message)``): a required key
  missing, a wrong type, a value outside its vocabulary, an http link, a date in
  the future, an id that names nothing (``ref``), a key nobody reads;
- ``build(cls, raw)`` reads the mapping into the object: text as text, a day as
  a ``date``, a nested mapping or list as nested objects, so no reader guards
  against a missing key or a wrong type again.

The checker calls the first; ``Site`` calls the second after it. Rules across
fields or files (a row's checked date is its cells' latest, a name used twice)
stay in ``checker/rules``; the words the messages use are said here, once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

from mkdocs_debate.data.vocabulary import PARTIAL_DATE, iso_date
from mkdocs_debate.data.yaml_lines import LineDict
from mkdocs_debate.source import PLAIN_TEXT_MARKUP

Finding = tuple[int, str]

# In YAML's {…} form an unquoted comma ends a value, so "{value: Swiss AI Initiative (EPFL,
# ETH Zurich and CSCS), …}" silently cut the name and made "ETH Zurich and CSCS)" a key.
COMMA_HINT = "a comma inside an unquoted {…} value ends the value: put the value in quotes"


@dataclasses.dataclass(frozen=True)
class Spec:
    """What one key of a mapping must hold.

    kind: ``text`` (a non-empty string), ``names`` (a list of non-empty
    strings; with ``ref``, each name must be in it, ``message`` saying so of
    each name that is not), ``choices`` (a list of words from ``choices``),
    ``bool``, ``date`` (YYYY-MM-DD), ``partial-date`` (a quoted year, month or
    real day), ``https`` (a link), ``mapping`` (a nested ``of`` object),
    ``list`` (of ``of`` objects; without ``of``, of plain values), ``table``
    (a mapping of ``keys`` to ``of`` objects, each key given to the object's
    ``index`` field) or ``any``. ``check`` adds a rule of the value's own.

    Messages are templates over ``subject`` (the mapping, as a sentence names
    it), ``owner`` (the entry it belongs to, as "… of {owner}" names it),
    ``row`` (the top entry's owner, in a nested mapping), ``ident`` (the top entry's id),
    ``parent`` (the key the mapping sits under),
    ``key``, ``value`` and ``choices``. The ``subject`` of a list's item may
    also use ``name``: the value of its ``named_by`` key.

    Text may be held to more, each said in its own words and each reported
    (not in place of ``message``): ``plain`` (no <, >, [ or ]: a title, a link
    text, a tooltip), ``max_length`` and ``check``, a function that returns a
    message template for a value it refuses, else ''. A value that is not text
    (a date YAML read as one) goes to ``check`` alone, which may refuse it.
    """

    kind: str = "text"
    required: bool = False
    key: str | None = None  # the YAML key, when it is not the attribute's name
    choices: tuple[str, ...] = ()  # the words a value (or each listed value) may be, in order
    pattern: re.Pattern | None = None
    past: bool = False  # a date, not after today
    nonempty: bool = False  # a list with at least one item
    of: type | None = None  # the object a mapping, a list item or a table entry is read into
    keys: tuple[str, ...] = ()  # a table's keys, every one required
    index: str = ""  # the field of ``of`` that a table's key fills
    ref: str | None = None  # the collection (in findings' refs) that must hold the value
    message: str = ""  # the message for a value that breaks the rule, in place of the generic one
    missing: str = ""  # the message for a required key that is absent
    blank: str = ""  # the message for a key written without a value, at its line (else: missing)
    plain: bool = False  # text without <, >, [ or ]
    max_length: int = 0  # text of at most this many characters
    subject: str = ""  # how a nested mapping names itself, e.g. "{ident}.{name}"
    named_by: str = ""  # the key whose value names a list's item in ``subject`` ({name})
    # a rule of the value's own, after the kind's: the message template of what is wrong, or ''
    check: Callable[[Any], str] | None = None
    strip: bool = False  # text read without the white space around it


def spec(**options: Any) -> dict:
    """A field's metadata: ``field(metadata=spec(kind="date", past=True))``."""
    return {"spec": Spec(**options)}


def specs(cls: type) -> list[tuple[dataclasses.Field, Spec]]:
    """The declared fields of a typed object, in order."""
    return [(f, f.metadata["spec"]) for f in dataclasses.fields(cls) if "spec" in f.metadata]


def known_keys(cls: type) -> tuple[str, ...]:
    """The YAML keys a mapping read into ``cls`` may hold."""
    return tuple(s.key or f.name for f, s in specs(cls))


# -----------------------------------------------------------------------------
# What is wrong with a mapping
# -----------------------------------------------------------------------------


def findings(
    cls: type,
    raw: Any,
    subject: str,
    owner: str = "",
    ident: str = "",
    parent: str = "",
    refs: Mapping[str, Collection[str]] | None = None,
) -> Iterator[Finding]:
    """Every problem of ``raw`` against the fields ``cls`` declares, each once, at its key's line."""
    seen: set[Finding] = set()
    owner = owner or subject
    for found in _findings(cls, raw, subject, owner, owner, ident, parent, refs or {}):
        if found not in seen:
            seen.add(found)
            yield found


def _findings(
    cls: type,
    raw: Any,
    subject: str,
    owner: str,
    row: str,
    ident: str,
    parent: str,
    refs: Mapping,
) -> Iterator[Finding]:
    if not isinstance(raw, LineDict):
        yield 0, f"{subject} must be a mapping: {raw!r}"
        return
    known = known_keys(cls)
    for key in raw:
        if key not in known:
            yield (
                raw.line_of(key),
                f"{subject} has an unknown key {key!r} (known: {', '.join(known)}); {COMMA_HINT}",
            )
    words = {"subject": subject, "owner": owner, "row": row, "ident": ident, "parent": parent}
    for f, rule in specs(cls):
        key = rule.key or f.name
        if key not in raw or rule.kind != "any" and _blank(raw[key]):
            if key in raw and rule.blank:
                yield raw.line_of(key), rule.blank.format(key=key, value=raw[key], **words)
            elif rule.required:
                template = rule.missing or "{subject} is missing {key!r}"
                yield raw.line, template.format(key=key, value=None, **words)
            continue
        yield from _value_findings(rule, key, raw[key], raw, words, refs)


def _blank(value: Any) -> bool:
    """None or white space: a key written without a value."""
    return value is None or isinstance(value, str) and not value.strip()


def _value_findings(
    rule: Spec, key: str, value: Any, raw: LineDict, words: dict, refs: Mapping
) -> Iterator[Finding]:
    line = raw.line_of(key)
    words = {**words, "key": key, "value": value, "choices": ", ".join(rule.choices)}
    problem = _problem(rule, value, refs)
    if problem:
        listed = rule.kind == "names" and rule.ref is not None  # message says it of a name
        yield line, (problem if listed else rule.message or problem).format(**words)
        return
    if rule.check is not None and not isinstance(value, str):
        problem = rule.check(value)
        if problem:
            yield line, problem.format(**words)
            return
    if rule.kind == "names" and rule.ref is not None:
        for name in value:
            if name not in refs.get(rule.ref, ()):
                template = (
                    rule.message or "{key} of {owner} names no entry of " + rule.ref + ": {value!r}"
                )
                yield line, template.format(**{**words, "value": name})
    if isinstance(value, str):
        yield from ((line, message.format(**words)) for message in _text_problems(rule, value))
    nested = {"row": words["row"], "ident": words["ident"], "parent": key, "refs": refs}
    if rule.kind == "mapping" and rule.of is not None:
        subject = (rule.subject or "{key} of {owner}").format(**words)
        found = _findings(rule.of, value, subject, subject, **nested)
        yield from ((n or line, m) for n, m in found)
    elif rule.kind == "list" and rule.of is not None:
        for item in value:
            name = item.get(rule.named_by) if rule.named_by and isinstance(item, dict) else None
            named = not rule.named_by or not _blank(name)
            template = rule.subject if named else ""
            subject = (template or "an item of {key} of {owner}").format(name=name, **words)
            found = _findings(rule.of, item, subject, subject, **nested)
            yield from ((n or line, m) for n, m in found)
    elif rule.kind == "table" and rule.of is not None:
        for name in value:
            if name not in rule.keys:
                yield (
                    value.line_of(name),
                    f"unknown {rule.index or key} {name!r} in {words['owner']}; known: "
                    + ", ".join(rule.keys),
                )
        for name in rule.keys:
            if name not in value:
                yield value.line, f"{words['subject']} is missing {rule.index or key} {name!r}"
                continue
            subject = (rule.subject or "{key}.{name}").format(name=name, **words)
            found = _findings(rule.of, value[name], subject, subject, **nested)
            yield from ((n or value.line_of(name), m) for n, m in found)


def _text_problems(rule: Spec, value: str) -> Iterator[str]:
    """The message templates of a text that breaks ``plain``, ``max_length`` or ``check``."""
    if rule.plain and PLAIN_TEXT_MARKUP.search(value):
        yield "{key} of {owner} must be plain text (no <, >, [ or ]): {value!r}"
    if rule.max_length and len(value) > rule.max_length:
        yield (
            "{key} of {owner} must be at most "
            f"{rule.max_length} characters (it has {len(value)})"
        )
    found = rule.check(value) if rule.check is not None else ""
    if found:
        yield found


def _problem(rule: Spec, value: Any, refs: Mapping) -> str:
    """The generic message template for a value that breaks its rule, or ''."""
    kind = rule.kind
    if kind == "text" and not (isinstance(value, str | int | float) and str(value).strip()):
        return "{key} of {owner} must be text: {value!r}"
    if kind == "names" and not (
        isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    ):
        return "{key} of {owner} must be a list of names: {value!r}"
    if kind == "choices" and not (
        isinstance(value, list)
        and (value or not rule.nonempty)
        and all(isinstance(v, str) and v in rule.choices for v in value)
    ):
        return "{key} of {owner} must be a list of words from: {choices}; not {value!r}"
    if kind == "bool" and not isinstance(value, bool):
        return "{key} of {owner} must be true or false: {value!r}"
    if kind == "https" and not (isinstance(value, str) and value.startswith("https://")):
        return "{key} of {owner} must start with https://: {value!r}"
    if kind == "date":
        day = iso_date(value)
        if day is None:
            return "{key} of {owner} must be an ISO date (YYYY-MM-DD): {value!r}"
        if rule.past and day > dt.date.today():
            return "{key} of {owner} must not be in the future: {value}"
    if kind == "partial-date":
        if not (isinstance(value, str) and PARTIAL_DATE.match(value)):
            return '{key} of {owner} must be a quoted "YYYY", "YYYY-MM" or "YYYY-MM-DD": {value!r}'
        if len(value) == 10 and iso_date(value) is None:
            return "{key} of {owner} must be a real date: {value!r}"
    if kind in ("mapping", "table") and not isinstance(value, LineDict):
        return "{key} of {owner} must be a mapping: {value!r}"
    if kind == "list" and not (isinstance(value, list) and (value or not rule.nonempty)):
        return "{key} of {owner} must be a " + ("non-empty " if rule.nonempty else "") + "list"
    if rule.choices and kind != "choices" and value not in rule.choices:
        return "{key} of {owner} must be one of {choices}: {value!r}"
    if rule.pattern is not None and not rule.pattern.match(str(value)):
        return "{key} of {owner} does not have the form it must have: {value!r}"
    if rule.ref is not None and kind != "names" and str(value) not in refs.get(rule.ref, ()):
        return "{key} of {owner} names no entry of " + rule.ref + ": {value!r}"
    return ""


# -----------------------------------------------------------------------------
# Reading a mapping into its object
# -----------------------------------------------------------------------------


def build(cls: type, raw: Any, **fixed: Any) -> Any:
    """The typed object of a mapping (the checker has said what is wrong with it).

    A value of the wrong kind takes the field's default, so a build with a
    problem fails on the checker's message, not on a crash here. ``fixed``
    fills fields that are not read from the mapping (a cell's dimension).
    """
    values = dict(fixed)
    mapping = raw if isinstance(raw, dict) else {}
    for f, rule in specs(cls):
        key = rule.key or f.name
        if key in mapping and f.name not in values:
            value = _read(rule, mapping[key])
            if value is not _DEFAULT:
                values[f.name] = value
    if "line" in {f.name for f in dataclasses.fields(cls)}:
        values.setdefault("line", raw.line if isinstance(raw, LineDict) else 0)
    return cls(**values)


_DEFAULT = object()
READERS: dict[str, Callable[[Any], Any]] = {
    "text": lambda v: _DEFAULT if v is None else str(v),
    "https": lambda v: _DEFAULT if v is None else str(v),
    "partial-date": lambda v: _DEFAULT if v is None else str(v),
    "date": lambda v: iso_date(v) or _DEFAULT,
    "bool": lambda v: v if isinstance(v, bool) else _DEFAULT,
    "names": lambda v: (
        tuple(x for x in v if isinstance(x, str)) if isinstance(v, list) else _DEFAULT
    ),
    "choices": lambda v: (
        tuple(x for x in v if isinstance(x, str)) if isinstance(v, list) else _DEFAULT
    ),
    "list": lambda v: tuple(v) if isinstance(v, list) else _DEFAULT,  # a list of plain values
    "any": lambda v: v,
}


def _read(rule: Spec, value: Any) -> Any:
    if rule.kind == "mapping" and rule.of is not None:
        return build(rule.of, value) if isinstance(value, dict) else _DEFAULT
    if rule.kind == "list" and rule.of is not None:
        if not isinstance(value, list):
            return _DEFAULT
        return tuple(build(rule.of, item) for item in value if isinstance(item, dict))
    if rule.kind == "table" and rule.of is not None:
        if not isinstance(value, dict):
            return _DEFAULT
        return types.MappingProxyType(
            {
                name: build(rule.of, value[name], **({rule.index: name} if rule.index else {}))
                for name in rule.keys
                if isinstance(value.get(name), dict)
            }
        )
    if rule.choices and rule.kind not in ("choices", "any") and value not in rule.choices:
        return _DEFAULT
    found = READERS.get(rule.kind, READERS["any"])(value)
    return found.strip() if rule.strip and isinstance(found, str) else found


# -----------------------------------------------------------------------------
# The same declaration as a JSON Schema, for the exports written from the objects
# -----------------------------------------------------------------------------

ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"


def json_schema(cls: type) -> dict:
    """A JSON Schema (draft 2020-12) for the mapping ``cls`` reads, as an export writes it back.

    Dates are written as ISO text; keys nobody reads are refused, as the checker refuses them.
    """
    properties, required = {}, []
    for f, rule in specs(cls):
        key = rule.key or f.name
        value = _property(rule)
        properties[key] = value if rule.required else {"anyOf": [value, {"type": "null"}]}
        if rule.required:
            required.append(key)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _property(rule: Spec) -> dict:
    kind = rule.kind
    if kind == "mapping" and rule.of is not None:
        return json_schema(rule.of)
    if kind == "list" and rule.of is not None:
        found = {"type": "array", "items": json_schema(rule.of)}
        return {**found, "minItems": 1} if rule.nonempty else found
    if kind == "table" and rule.of is not None:
        entry = json_schema(rule.of)
        return {
            "type": "object",
            "properties": dict.fromkeys(rule.keys, entry),
            "required": list(rule.keys),
            "additionalProperties": False,
        }
    if kind == "list":
        return {"type": "array", "minItems": 1} if rule.nonempty else {"type": "array"}
    if kind == "names":
        return {"type": "array", "items": {"type": "string", "minLength": 1}}
    if kind == "choices":
        return {"type": "array", "items": {"enum": list(rule.choices)}}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "date":
        return {"type": "string", "pattern": ISO_DAY}
    if kind == "https":
        return {"type": "string", "pattern": "^https://"}
    if kind == "partial-date":
        return {"type": "string", "pattern": PARTIAL_DATE.pattern}
    if kind == "any":
        return {}
    found: dict = {"type": ["string", "number"]}
    if rule.choices:
        found = {"enum": list(rule.choices)}
    if rule.pattern is not None:
        found["pattern"] = rule.pattern.pattern
    return found
