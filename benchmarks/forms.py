"""Every field of every operation in the corpus becomes a Gradio component.

Not a timing of record (component creation is Gradio's own cost), but the sweep that
proves no document in ../shared/corpus has a field apiface cannot put in a form.

    python benchmarks/forms.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gradio as gr  # noqa: E402

from introspect import build_api, load_file  # noqa: E402
from ui.form import plan_form  # noqa: E402
from ui.widgets import component_for  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "specs"


def main() -> None:
    failures: dict[tuple[str, str], list[str]] = {}
    fields = 0
    started = time.perf_counter()
    for path in sorted(p for p in CORPUS.iterdir() if p.is_file()):
        api = build_api(load_file(path))
        with gr.Blocks():
            for op in api.operations:
                for field in plan_form(api, op).fields:
                    fields += 1
                    try:
                        component_for(field)
                    except Exception as exc:  # collected and reported below
                        failures.setdefault((type(exc).__name__, field.kind), []).append(
                            f"{path.name} {op.name} {field.name}: {exc}")
    elapsed = time.perf_counter() - started
    print(f"{fields} fields in {elapsed:.1f} s ({elapsed / fields * 1000:.2f} ms each), "
          f"{sum(map(len, failures.values()))} failed")
    for (kind, field_kind), where in failures.items():
        print(f"  {kind} on {field_kind}: {len(where)}, e.g. {where[0]}")


if __name__ == "__main__":
    main()
