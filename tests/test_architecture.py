"""The code's shape, checked: the apps form a strict order with no import loops,
`portal` imports no app, and modules and functions stay small enough to read.

Read with `ast`, so nothing is imported or run. See CONTRIBUTING.md and
docs/decisions/0001-app-boundaries.md for the rules and why.
"""

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# An app may import only the apps before it in this order.
APPS = ("portal", "cms", "schools", "training")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module
    line: int
    in_function: bool


def _is_demo(path: Path) -> bool:
    return "demo" in path.parts or path.stem.startswith("demo")


@cache
def modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, base] if base else package)
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


@cache
def imports() -> tuple[Import, ...]:
    known = modules()
    found = []
    for module, path in known.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        skipped = _type_checking_lines(tree)
        functions = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        inside = {
            line
            for function in functions
            for line in range(function.lineno, (function.end_lineno or function.lineno) + 1)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom) or node.lineno in skipped:
                continue
            names = _imported_names(node, module, path.name == "__init__.py")
            for target in {name for name in names if name in known and name != module}:
                found.append(Import(module, target, node.lineno, node.lineno in inside))
    return tuple(found)


def _app(module: str) -> str:
    return module.split(".")[0]


def _loops(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, loops = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return loops


def test_no_import_loops_even_through_imports_inside_functions():
    edges: dict[str, set[str]] = {}
    for item in imports():
        edges.setdefault(item.source, set()).add(item.target)
    assert _loops(edges) == []


def test_portal_imports_no_app():
    upward = [
        f"{i.source}:{i.line} imports {i.target}"
        for i in imports()
        if i.source.startswith("portal") and _app(i.target) != "portal"
    ]
    assert upward == []


def test_apps_import_only_apps_before_them():
    wrong = [
        f"{i.source}:{i.line} imports {i.target}"
        for i in imports()
        if APPS.index(_app(i.target)) > APPS.index(_app(i.source))
    ]
    assert wrong == []


def _explained(lines: list[str], line: int) -> bool:
    """A comment on the import's line, or above the block of imports it stands in."""
    if "#" in lines[line - 1]:
        return True
    for text in reversed(lines[: line - 1]):
        text = text.strip()
        if text.startswith("#"):
            return True
        in_import_block = (
            not text or text.startswith(("from ", "import ", ")")) or text.endswith(",")
        )
        if not in_import_block:
            return False
    return False


def test_imports_inside_functions_say_why():
    unexplained = [
        f"{item.source}:{item.line}"
        for item in imports()
        if item.in_function
        and not _explained(modules()[item.source].read_text().splitlines(), item.line)
    ]
    assert unexplained == []


@pytest.mark.parametrize("app", APPS)
def test_modules_stay_under_the_size_limit(app):
    large = {
        name: len(path.read_text().splitlines())
        for name, path in modules().items()
        if _app(name) == app and not _is_demo(path)
    }
    assert {name: size for name, size in large.items() if size > MAX_MODULE_LINES} == {}


@pytest.mark.parametrize("app", APPS)
def test_functions_stay_under_the_size_limit(app):
    long = {}
    for name, path in modules().items():
        if _app(name) != app or _is_demo(path):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{name}.{node.name}"] = length
    assert long == {}


def test_the_checks_see_a_loop_and_an_upward_import():
    """The walker finds what it must: a loop and a wrong-way import in a made-up graph."""
    assert _loops({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert _loops({"a": {"b"}, "b": set()}) == []
    assert APPS.index(_app("training.models")) > APPS.index(_app("schools.models"))
    assert any(i.source == "training.urls" for i in imports())
