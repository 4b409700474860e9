"""The endpoint browser: every operation grouped by tag, filtered in the page.

One static HTML list (built once, even for 1,000+ operations) with a filter box;
filtering runs in the browser, so typing never waits on the server. Clicking an
operation puts `?op=<name>` in the address bar and tells the server which one.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from introspect import Api, Operation

UNTAGGED = "other"

BROWSER_JS = r"""
const input = element.querySelector('.apiface-filter');
const items = Array.from(element.querySelectorAll('a.apiface-op'));
const groups = Array.from(element.querySelectorAll('details.apiface-tag'));
const count = element.querySelector('.apiface-count');
function mark(name) {
  items.forEach(a => a.classList.toggle('active', a.dataset.op === name));
}
input.addEventListener('input', () => {
  const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  items.forEach(a => {
    const hit = terms.every(t => a.dataset.search.includes(t));
    a.hidden = !hit;
    if (hit) shown++;
  });
  groups.forEach(g => {
    const any = g.querySelector('a.apiface-op:not([hidden])');
    g.hidden = !any;
    if (terms.length) g.open = !!any;
  });
  count.textContent = terms.length ? `${shown} of ${items.length} operations` : `${items.length} operations`;
});
element.addEventListener('click', (event) => {
  const a = event.target.closest('a.apiface-op');
  if (!a) return;
  event.preventDefault();
  mark(a.dataset.op);
  const url = new URL(window.location.href);
  url.searchParams.set('op', a.dataset.op);
  history.replaceState(null, '', url);
  trigger('click', {op: a.dataset.op});
});
const initial = new URL(window.location.href).searchParams.get('op');
if (initial) {
  mark(initial);
  const a = items.find(i => i.dataset.op === initial);
  if (a) { a.closest('details').open = true; }
}
"""

BROWSER_CSS = """
.apiface-filter { width: 100%; padding: 6px 8px; margin-bottom: 6px; border: 1px solid var(--border-color-primary);
  border-radius: 6px; background: var(--input-background-fill); color: var(--body-text-color); }
.apiface-count { font-size: 12px; opacity: .7; margin-bottom: 6px; }
details.apiface-tag > summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
details.apiface-tag, a.apiface-op { text-align: left; }
a.apiface-op { display: block; padding: 3px 4px; border-radius: 4px; text-decoration: none;
  color: var(--body-text-color); font-size: 13px; line-height: 1.3; }
a.apiface-op[hidden], details.apiface-tag[hidden] { display: none; }
a.apiface-op:hover { background: var(--background-fill-secondary); }
a.apiface-op.active { background: var(--color-accent-soft); }
a.apiface-op .m { display: inline-block; min-width: 52px; font-weight: 700; font-size: 11px; font-family: monospace; }
a.apiface-op .p { font-family: monospace; word-break: break-all; }
a.apiface-op .s { display: block; opacity: .75; font-size: 12px; margin-left: 56px; }
a.apiface-op.deprecated .p { text-decoration: line-through; }
a.apiface-op .dep { font-size: 10px; color: #b45309; margin-left: 4px; }
.m-get { color: #2563eb; } .m-post { color: #16a34a; } .m-put { color: #d97706; }
.m-patch { color: #9333ea; } .m-delete { color: #dc2626; } .m-head, .m-options, .m-trace { color: #64748b; }
"""


def group_by_tag(api: Api) -> dict[str, list[Operation]]:
    """Operations under their first tag (untagged ones last), in document order."""
    groups: dict[str, list[Operation]] = {}
    for op in api.operations:
        groups.setdefault(op.tags[0] if op.tags else UNTAGGED, []).append(op)
    if UNTAGGED in groups:
        groups[UNTAGGED] = groups.pop(UNTAGGED)
    return groups


def browser_html(api: Api) -> str:
    """The whole list as HTML (escaped: summaries come from someone else's document)."""
    groups = group_by_tag(api)
    parts = [
        '<input class="apiface-filter" type="search" placeholder="Filter: method, path, words…" '
        'aria-label="Filter operations">',
        f'<div class="apiface-count">{len(api.operations)} operations</div>',
    ]
    open_all = len(groups) <= 1 or len(api.operations) <= 30
    for tag, ops in groups.items():
        parts.append(f'<details class="apiface-tag"{" open" if open_all else ""}>'
                     f"<summary>{html.escape(tag)} <small>({len(ops)})</small></summary>")
        parts += [_item(op, tag) for op in ops]
        parts.append("</details>")
    return "".join(parts)


def _short(text: str, limit: int = 110) -> str:
    """A one-line summary: markdown emphasis and links reduced to their words, then cut."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _item(op: Operation, tag: str) -> str:
    name = html.escape(op.name, quote=True)
    summary = _short(op.summary or (op.description or "").strip().split("\n", 1)[0])
    search = " ".join([op.method, op.path, op.name, summary, tag]).lower()
    classes = "apiface-op deprecated" if op.deprecated else "apiface-op"
    dep = '<span class="dep">deprecated</span>' if op.deprecated else ""
    href = html.escape("?op=" + quote(op.name, safe=""), quote=True)
    return (f'<a class="{classes}" href="{href}" data-op="{name}" '
            f'data-search="{html.escape(search, quote=True)}">'
            f'<span class="m m-{op.method}">{op.method.upper()}</span>'
            f'<span class="p">{html.escape(op.path)}</span>{dep}'
            + (f'<span class="s">{html.escape(summary)}</span>' if summary else "") + "</a>")
