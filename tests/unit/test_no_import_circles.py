"""No import circles among the project's own modules.

A circle (``a`` imports ``b`` which, directly or not, imports ``a``) means neither module can be
understood, tested or moved without the other; hiding one side inside a function only defers
the import, it does not cut the circle. So this checker reads every module of ``kiosk``,
``ui``, ``printing`` and ``config`` with ``ast`` and counts every ``import`` and
``from ... import`` wherever it stands: at module level, inside functions, under
``if TYPE_CHECKING``. Relative imports are resolved, and ``from package import name`` counts as
importing the module ``package.name`` when that is a module, the package otherwise.

Only the module an import names is an edge: ``import kiosk.sync.agent`` points at
``kiosk.sync.agent``, not at the ``kiosk`` and ``kiosk.sync`` packages Python also runs on the
way, so that a package's ``__init__`` re-exporting its own modules is not mistaken for a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "ui", "printing", "config")


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Every project module's dotted name and its file (a package is its ``__init__.py``)."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _resolve_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute name ``from {'.' * level}{name} import ...`` means inside ``module``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join([*base, name] if name else base)


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``module`` imports, anywhere in its file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def nearest_known(name: str) -> str | None:
        # ``import kiosk.x.Thing``-like names that are not modules fall back to their package.
        parts = name.split(".")
        while parts:
            candidate = ".".join(parts)
            if candidate in known:
                return candidate
            parts.pop()
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = nearest_known(alias.name)
                if target:
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            base = (
                _resolve_relative(module, is_package, node.level, node.module)
                if node.level
                else node.module or ""
            )
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                target = submodule if submodule in known else nearest_known(base)
                if target:
                    found.add(target)
    found.discard(module)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    files = module_files(root)
    known = set(files)
    return {module: imports_of(module, path, known) for module, path in files.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components of more than one module: each holds at least one circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(start: str) -> None:
        # Iterative, so that a deep chain of imports cannot hit the recursion limit.
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(components)


def shortest_circle(graph: dict[str, set[str]], start: str, members: set[str]) -> list[str]:
    """The shortest way from ``start`` back to itself inside one component, for the message."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & members):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start]
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    raise AssertionError(f"{start} is in a component but on no circle")


def describe_circles(graph: dict[str, set[str]]) -> list[str]:
    """One line per tangle: its shortest circle, and every module caught in it if more."""
    lines = []
    for component in strongly_connected(graph):
        circle = shortest_circle(graph, component[0], set(component))
        line = " -> ".join(circle)
        if len(component) > len(circle) - 1:
            line += f"   (tangle of {len(component)}: {', '.join(component)})"
        lines.append(line)
    return lines


def test_the_checker_sees_a_circle_through_a_lazy_relative_import(tmp_path):
    """A circle closed by a relative import inside a function, and one through
    ``from package import module``, are both found; a package re-exporting its module is not."""
    sync = tmp_path / "kiosk" / "sync"
    sync.mkdir(parents=True)
    (tmp_path / "kiosk" / "__init__.py").write_text("")
    (sync / "__init__.py").write_text("from .agent import Agent\n")
    (sync / "agent.py").write_text("from kiosk.sync import sender\nclass Agent: ...\n")
    (sync / "sender.py").write_text("def send():\n    from .agent import Agent\n")
    (tmp_path / "kiosk" / "alone.py").write_text("import kiosk.sync.sender\n")
    for package in ("ui", "printing", "config"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    graph = import_graph(tmp_path)
    assert graph["kiosk.alone"] == {"kiosk.sync.sender"}
    assert describe_circles(graph) == ["kiosk.sync.agent -> kiosk.sync.sender -> kiosk.sync.agent"]


def test_no_module_imports_itself_back():
    circles = describe_circles(import_graph())
    assert not circles, "import circles among the project's modules:\n" + "\n".join(circles)
