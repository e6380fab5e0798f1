import ast
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_content_never_imports_quizzes():
    # Dependencies run one way (DESIGN.md): quizzes may import content, never the reverse.
    for path in CONTENT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "quizzes" for name in names), path
