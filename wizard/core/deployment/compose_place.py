"""Where, across every file Docker Compose merges, the server's container gets a variable from — and how to
change that place so the container gets a new secret (SPEC §12 rev 3: "write where the value is decided").

    locate(deployment, name, environ=None) -> SecretPlacement

The service is read as Compose builds it, lowest precedence first: for each top file (COMPOSE_FILE, or the
default file and its override) the files it includes, then the file itself; a service with `extends:` has
its base below it. An `environment:` entry of the highest layer that has one decides (own keys and keys a
merge key `<<:` pulls in alike); else the last `env_file:` that defines the name; else nothing passes it.
What changes:
- `NAME:` without value, `${VAR}`, `$VAR`, `${VAR:-default}`: VAR in the project `.env`, no compose edit;
- a literal value in the service's own entry: that value becomes `${NAME}` (ruamel positions, every other
  byte kept) and NAME goes into the project `.env`;
- a value that comes from a merge key or an `extends:` base: `NAME: ${NAME}` is added to the service's own
  `environment:` of its highest layer (an own key wins over a merged one; the shared anchor stays as is);
- an `env_file:` entry: NAME in that file;
- nothing: `NAME: ${NAME}` is added to the highest layer.
Refused before writing, naming file and line (FileProblem, exit 3): an `environment:` that is itself an
alias or anchor another service uses, a service whose whole `environment:` comes from a merge key, a value
written over several lines, a flow-style block.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.core.atomic import Snapshot, read_snapshot
from wizard.core.deployment import compose_dotenv
from wizard.core.deployment.compose_edit import add_environment_entry
from wizard.core.deployment.compose_engine import picked_by_default, same_file, top_files
from wizard.core.deployment.compose_file import load_yaml, plain_yaml
from wizard.core.deployment.interpolation import sole_reference
from wizard.core.deployment.layout import Deployment
from wizard.core.deployment.placement import ComposeEdit, SecretPlacement
from wizard.core.dotenv import DotenvError
from wizard.core.errors import FileProblem, WizardError
from wizard.core.file_text import decode


@dataclass
class _Doc:
    path: Path
    snapshot: Snapshot
    text: str
    data: Any
    base_dir: Path  # where its relative paths start (the project folder for top files)


@dataclass(frozen=True)
class _Layer:
    doc: _Doc
    name: str  # the service's name in this file (an extends base may be named otherwise)
    node: Any
    own: bool  # the service itself (not an extends base)


def _load(path: Path, base_dir: Path, cache: dict[str, _Doc]) -> _Doc | None:
    key = os.path.realpath(path)
    if key in cache:
        return cache[key]
    snapshot = read_snapshot(path)
    if snapshot.data is None:
        return None
    text = decode(path, snapshot.data)
    doc = _Doc(path, snapshot, text, load_yaml(path, text), base_dir)
    cache[key] = doc
    return doc


def _services(doc: _Doc) -> Mapping[str, Any]:
    services = doc.data.get("services") if isinstance(doc.data, Mapping) else None
    return services if isinstance(services, Mapping) else {}


def _layers(project_dir: Path, environ: Mapping[str, str], compose_file: Path | None, service: str) -> list[_Layer]:
    """The service's definitions, lowest precedence first."""
    cache: dict[str, _Doc] = {}
    if compose_file is not None and not picked_by_default(project_dir, compose_file, environ):
        top = [Path(os.path.abspath(compose_file))]
    else:
        top = top_files(project_dir, environ)
    ordered: list[_Doc] = []

    def visit(path: Path, base_dir: Path) -> None:
        if any(same_file(path, d.path) for d in ordered):
            return
        doc = _load(path, base_dir, cache)
        if doc is None:
            return
        includes = doc.data.get("include") if isinstance(doc.data, Mapping) else None
        for item in includes or []:
            for pulled in _include_paths(doc, item):
                visit(pulled, pulled.parent)
        ordered.append(doc)

    for path in top:
        visit(path, project_dir)
    layers: list[_Layer] = []
    for doc in ordered:
        node = _services(doc).get(service)
        if isinstance(node, Mapping):
            layers += _with_bases(doc, service, node, cache, depth=0)
    return layers


def _include_paths(doc: _Doc, item: Any) -> list[Path]:
    if isinstance(item, Mapping):
        value = item.get("path")
        names = [str(v) for v in value] if isinstance(value, list) else [str(value)] if value else []
    else:
        names = [str(item)] if item is not None else []
    return [Path(os.path.normpath(doc.path.parent / os.path.expanduser(n))) for n in names]


def _with_bases(doc: _Doc, name: str, node: Any, cache: dict[str, _Doc], depth: int, own: bool = True) -> list[_Layer]:
    layers: list[_Layer] = []
    extends = node.get("extends")
    if extends is not None and depth < 10:
        base_name = str(extends.get("service")) if isinstance(extends, Mapping) else str(extends)
        base_doc: _Doc | None = doc
        if isinstance(extends, Mapping) and extends.get("file"):
            base_path = Path(os.path.normpath(doc.path.parent / os.path.expanduser(str(extends["file"]))))
            base_doc = _load(base_path, base_path.parent, cache)
        base = _services(base_doc).get(base_name) if base_doc is not None else None
        if base_doc is not None and isinstance(base, Mapping):
            layers += _with_bases(base_doc, base_name, base, cache, depth + 1, own=False)
    layers.append(_Layer(doc, name, node, own))
    return layers


def _entry_in(env: Any, name: str) -> tuple[str, Any] | None:
    """("mapping", value) / ("list", index) when `env` (an `environment:` node) sets `name`."""
    if isinstance(env, Mapping):
        return ("mapping", env[name]) if name in env else None
    if isinstance(env, list):
        for index in reversed(range(len(env))):
            key = str(env[index]).partition("=")[0]
            if key == name:
                return ("list", index)
    return None


def _users(doc: _Doc, env: Any) -> list[str]:
    """Services of `doc` whose `environment:` is `env` itself or merges it in."""
    found = []
    for other, node in _services(doc).items():
        own = node.get("environment") if isinstance(node, Mapping) else None
        if own is env or any(source is env for source in _merge_sources(own)):
            found.append(str(other))
    return found


def _merge_sources(node: Any) -> list[Any]:
    merged = getattr(node, "merge", None)
    return [value for _, value in merged] if merged else []


def _line_of_key(mapping: Any, key: str) -> int | None:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _refuse(doc: _Doc, line: int | None, msg_id: str, **facts: str) -> FileProblem:
    problem = FileProblem(doc.path, msg_id, line=line)
    problem.params.update(facts)  # the facts of the sentence, beside the file and line
    return problem


def locate(deployment: Deployment, name: str, environ: Mapping[str, str] | None = None) -> SecretPlacement:
    """The SecretPlacement for `name` in an engine-read compose deployment (see the module docstring).
    Raises FileProblem (refusals, unreadable files)."""
    environ = os.environ if environ is None else environ
    compose = deployment.compose
    assert compose is not None and deployment.engine is not None, "locate() reads an engine-read compose project"
    project_env = compose.project_env_path
    given = deployment.engine.given
    layers = _layers(compose.project_dir, environ, given, str(deployment.service))
    if not layers:
        raise FileProblem(compose.path, "compose_engine.service_not_found", service=str(deployment.service))
    top = [layer for layer in layers if layer.own][-1]
    for layer in reversed(layers):
        env = layer.node.get("environment")
        found = _entry_in(env, name)
        if found is None:
            continue
        form, where = found
        raw = env[where] if form == "list" else where
        value: str | None
        if form == "list":
            value = str(raw).partition("=")[2] if "=" in str(raw) else None
        else:
            value = None if raw is None else str(raw)
        via = None if value is None else (sole_reference(value) or _defaulted(value))
        at, line = layer.doc.path, _entry_line(env, form, where, name)
        if value is None or via is not None:
            variable = name if via is None else via
            return SecretPlacement(project_env, variable, compose_grammar=True, decided_in=at, decided_line=line)
        own_key = form == "list" or name in getattr(env, "_ok", {name})
        in_place = layer.own and own_key and layer is top
        edit = _edit_literal(layer, env, form, name) if in_place else _add_entry(top, name)
        return SecretPlacement(project_env, name, compose_grammar=True, edit=edit, decided_in=at, decided_line=line)
    for layer in reversed(layers):
        for ref in reversed(_env_files(layer)):
            try:
                text = ref.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):  # missing (`required: false`) or unreadable: not the place
                continue
            try:
                defined = compose_dotenv.parse(text, strict=False).last(name) is not None
            except DotenvError as exc:
                raise exc.at(ref) from None
            if defined:
                return SecretPlacement(ref, name, compose_grammar=True)
    return SecretPlacement(project_env, name, compose_grammar=True, edit=_add_entry(top, name))


def _entry_line(env: Any, form: str, where: Any, name: str) -> int | None:
    """The line (from 1) of `name`'s entry in `env` (for a key a merge key pulls in: where the anchor has it)."""
    try:
        if form == "list":
            return int(env.lc.item(where)[0]) + 1
        if name in getattr(env, "_ok", {name}):
            return int(env.lc.key(name)[0]) + 1
        for _, source in getattr(env, "merge", []) or []:
            if name in source:
                return int(source.lc.key(name)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None
    return None


def _defaulted(raw: str) -> str | None:
    match = re.fullmatch(r"\$\{([_A-Za-z][_A-Za-z0-9]*):?-[^}]*\}", raw)
    return match.group(1) if match else None


def _env_files(layer: _Layer) -> list[Path]:
    node = layer.node.get("env_file")
    items = node if isinstance(node, list) else [node] if node is not None else []
    out = []
    for item in items:
        text = item.get("path") if isinstance(item, Mapping) else item
        if text:
            path = Path(os.path.expanduser(str(text)))
            out.append(path if path.is_absolute() else Path(os.path.normpath(layer.doc.base_dir / path)))
    return out


def _check_not_shared(layer: _Layer, env: Any) -> None:
    users = [u for u in _users(layer.doc, env) if u != layer.name]
    anchor = getattr(getattr(env, "anchor", None), "value", None)
    if users or (anchor is not None and _anchor_used_elsewhere(layer, env)):
        line = _line_of_key(layer.node, "environment")
        raise _refuse(
            layer.doc, line, "compose_engine.shared_environment", service=layer.name, others=", ".join(users) or "-"
        )


def _anchor_used_elsewhere(layer: _Layer, env: Any) -> bool:
    """An anchored environment that some other node of the file aliases (outside this service)."""

    def walk(node: Any) -> bool:
        if node is env:
            return True
        if isinstance(node, Mapping):
            return any(walk(v) for v in node.values()) or any(s is env for s in _merge_sources(node))
        if isinstance(node, list):
            return any(walk(v) for v in node)
        return False

    data = layer.doc.data
    others = [v for k, v in data.items() if k != "services"] if isinstance(data, Mapping) else []
    others += [v for k, v in _services(layer.doc).items() if k != layer.name]
    return any(walk(node) for node in others if node is not env)


def _edit_literal(layer: _Layer, env: Any, form: str, name: str) -> ComposeEdit:
    """The literal value of `name` in the service's own entry replaced by `${name}`."""
    _check_not_shared(layer, env)
    doc = layer.doc
    if form == "list":
        index = _entry_in(env, name)
        assert index is not None
        line, col = env.lc.item(index[1])
        replacement = f"{name}=${{{name}}}"
    else:
        line, col = env.lc.value(name)
        replacement = f"${{{name}}}"
    lines = doc.text.splitlines(keepends=True)
    text_line = lines[line]
    end = _scalar_end(text_line, col)
    if end is None:
        raise _refuse(doc, line + 1, "compose_engine.cannot_edit", service=layer.name, name=name)
    lines[line] = text_line[:col] + replacement + text_line[end:]
    after = "".join(lines)
    _verify_edit(doc, after, layer.name, name, form)
    return ComposeEdit(doc.snapshot, after, line + 1)


def _scalar_end(line: str, col: int) -> int | None:
    """Where the one-line scalar starting at `col` ends (None: it goes on over several lines)."""
    body = line.rstrip("\r\n")
    if col >= len(body):
        return None
    quote = body[col]
    if quote in "'\"":
        index = col + 1
        while index < len(body):
            if quote == '"' and body[index] == "\\":
                index += 2
                continue
            if body[index] == quote:
                if quote == "'" and index + 1 < len(body) and body[index + 1] == "'":
                    index += 2
                    continue
                return index + 1
            index += 1
        return None
    if quote in "|>":
        return None
    comment = body.find(" #", col)
    end = comment if comment >= 0 else len(body)
    return len(body[:end].rstrip())


def _verify_edit(doc: _Doc, after: str, service: str, name: str, form: str) -> None:
    try:
        parsed = load_yaml(doc.path, after)
    except FileProblem:
        raise FileProblem(doc.path, "deployment.edit_failed", service=service) from None
    copied = copy.deepcopy(doc.data)  # keeps anchors shared: an anchored list changes wherever it is used
    env = copied["services"][service]["environment"]
    if form == "list":
        index = max(i for i, item in enumerate(env) if str(item).partition("=")[0] == name)
        env[index] = f"{name}=${{{name}}}"
    else:
        env[name] = f"${{{name}}}"
    if plain_yaml(parsed) != plain_yaml(copied):
        raise FileProblem(doc.path, "deployment.edit_failed", service=service)


def _add_entry(layer: _Layer, name: str) -> ComposeEdit:
    """`name: ${name}` added to the own `environment:` of the service's highest layer."""
    doc = layer.doc
    own_keys = getattr(layer.node, "_ok", None)
    if own_keys is not None and "environment" in layer.node and "environment" not in own_keys:
        # the whole environment: comes from a merge key; an own one would replace it, not extend it
        raise _refuse(doc, _merge_line(layer), "compose_engine.merged_environment", service=layer.name, name=name)
    env = layer.node.get("environment")
    if env is not None:
        _check_not_shared(layer, env)
    try:
        after = add_environment_entry(doc.path, doc.text, layer.name, name)
    except WizardError as exc:
        if isinstance(exc, FileProblem):
            raise
        raise _refuse(
            doc, _line_of_key(layer.node, "environment"), "compose_engine.cannot_edit", service=layer.name, name=name
        ) from None
    changed = next(
        (i for i, (a, b) in enumerate(zip(doc.text.splitlines(), after.splitlines(), strict=False)) if a != b),
        len(doc.text.splitlines()),
    )
    return ComposeEdit(doc.snapshot, after, changed + 1)


def _merge_line(layer: _Layer) -> int | None:
    """The line where the service's mapping starts (its merge key `<<:` is there or just below)."""
    try:
        return int(layer.node.lc.line) + 1
    except (AttributeError, TypeError):
        return None
