"""YAML errors as one line and a line number, for every file the tool reads."""

from __future__ import annotations

import yaml


def yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[str, int | None]:
    """A one-line description of a YAML error and the 1-based line it is on (in the YAML text).

    For an unclosed bracket or quote, or a key without its colon, the parser notices only on a
    later line; the line where the construct started is the one to fix.
    """
    if isinstance(exc, yaml.MarkedYAMLError):
        context = exc.context or ""
        use_context = exc.context_mark is not None and (
            "simple key" in context or "flow" in context or "quoted" in context
        )
        mark = exc.context_mark if use_context else (exc.problem_mark or exc.context_mark)
        problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
        return problem, (mark.line + 1 if mark else None)
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        return f"character {chr(exc.character)!r} is not allowed in YAML", line
    return " ".join(str(exc).split()), None


def duplicate_key(node: yaml.Node | None) -> tuple[str, int, int] | None:
    """The first key given twice in one mapping of ``node`` (a composed document), by its
    dotted path, with the 1-based lines of both: YAML forbids it, and a loader keeps the last
    silently, so that a second ``site:`` section would hide the first. Keys are the same when
    their tag and value are (``1`` and ``'1'`` are not); a node met again through an alias is
    not walked twice."""
    return _twice(node, "", set())


def _twice(node: yaml.Node | None, prefix: str, seen: set[int]) -> tuple[str, int, int] | None:
    if node is None or id(node) in seen:
        return None
    seen.add(id(node))
    children: list[tuple[str, yaml.Node]] = []
    if isinstance(node, yaml.SequenceNode):
        children = [(f"{prefix}{i}.", item) for i, item in enumerate(node.value)]
    elif isinstance(node, yaml.MappingNode):
        keys: dict[tuple[str, str], int] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line + 1
            if (key.tag, key.value) in keys:
                return f"{prefix}{key.value}", keys[key.tag, key.value], line
            keys[key.tag, key.value] = line
            children.append((f"{prefix}{key.value}.", value))
    for path, child in children:
        found = _twice(child, path, seen)
        if found:
            return found
    return None
