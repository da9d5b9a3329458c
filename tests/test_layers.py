"""The layers' arrows point down: front ends (bot, cli, api) -> core; etl -> core's contract
only; core imports no front end, Telegram or FastAPI; no import cycles (docs/architecture.md).

Two checks: a static one over every `import` in the source (lazy imports inside functions
included, `if TYPE_CHECKING:` blocks left out), and `python -c` runs that import a layer in
a fresh interpreter and list what got loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from moviebot.core.paths import REPO_ROOT

LAYERS = ("core", "core/interpret", "etl", "bot", "cli", "api", "api/routes")
FRONT_ENDS = ("bot", "cli", "api")


def _modules() -> dict[str, Path]:
    found = {}
    for layer in LAYERS:
        for path in sorted((REPO_ROOT / layer).glob("*.py")):
            package = "moviebot." + layer.replace("/", ".")
            name = package + ("" if path.stem == "__init__" else f".{path.stem}")
            found[name] = path
    return found


def _type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    """Absolute module names imported by the file (`from a import b` gives a.b when a.b is a
    module of ours, else a)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    ours = _modules()

    def visit(node: ast.AST, depth: int) -> None:
        if _type_checking_block(node):
            return
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.add(full if full in ours else node.module)
        inner = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if top_level_only and inner:
            return
        for child in ast.iter_child_nodes(node):
            visit(child, depth + 1)

    visit(tree, 0)
    return out


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "moviebot" and len(parts) > 1 else None


ALL = _modules()


@pytest.mark.parametrize("module", [m for m in ALL if _layer(m) == "core"])
def test_core_imports_no_front_end(module):
    for imported in _imports(ALL[module], top_level_only=False):
        assert _layer(imported) not in FRONT_ENDS, (module, imported)
        assert imported.split(".")[0] not in ("telegram", "fastapi", "uvicorn", "starlette")


@pytest.mark.parametrize("module", [m for m in ALL if _layer(m) == "etl"])
def test_etl_imports_only_the_contract_from_core(module):
    for imported in _imports(ALL[module], top_level_only=False):
        assert _layer(imported) not in FRONT_ENDS, (module, imported)
        if _layer(imported) == "core":
            assert imported == "moviebot.core.contract", (module, imported)


# The API reuses the chat's wording (pure text functions, no Telegram): the one sideways
# arrow, named here so that no other creeps in (docs/architecture.md).
SHARED_WORDING = {"moviebot.bot.i18n", "moviebot.bot.render"}


@pytest.mark.parametrize("module", [m for m in ALL if _layer(m) in ("bot", "api")])
def test_bot_and_api_do_not_import_each_other_or_the_cli(module):
    own = _layer(module)
    for imported in _imports(ALL[module], top_level_only=False):
        layer = _layer(imported)
        if own == "api" and imported in SHARED_WORDING:
            continue
        assert layer in (None, own, "core"), (module, imported)


def test_nothing_imports_the_cli():
    for module, path in ALL.items():
        if _layer(module) != "cli":
            assert not any(_layer(i) == "cli" for i in _imports(path, top_level_only=False))


def test_no_import_cycles():
    graph = {m: {i for i in _imports(p, top_level_only=True) if i in ALL} for m, p in ALL.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def walk(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*path[path.index(n):], n]))
            if n not in state:
                walk(n)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m)


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO_ROOT).stdout
    return set(out.split())


def test_python_c_core_loads_no_front_end_and_no_telegram():
    loaded = _loaded_after("import moviebot.core.catalogue, moviebot.core.recommend")
    bad = {m for m in loaded if _layer(m) in FRONT_ENDS or m.split(".")[0] in
           ("telegram", "fastapi", "uvicorn")}
    assert not bad


def test_python_c_etl_loads_only_the_contract_from_core():
    loaded = _loaded_after("import moviebot.etl.build, moviebot.etl.report")
    assert {m for m in loaded if _layer(m) == "core"} <= {"moviebot.core",
                                                          "moviebot.core.contract"}
    assert not {m for m in loaded if _layer(m) in FRONT_ENDS}
