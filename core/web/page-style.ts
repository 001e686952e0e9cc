import { createHash } from "node:crypto";

/**
 * The page's only style, inline so the page needs no other request. The CSP allows exactly
 * this text by its hash, so no injected style can run. Kept free of `<`, `>` and `&`, which
 * HTML would otherwise have to escape (and the hash would no longer match).
 */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --muted: #6b6b6b; --line: #d9d9d9; --accent: #1f5fbf; --flash: #e7f4e4; }
@media (prefers-color-scheme: dark) { :root { --muted: #a5a5a5; --line: #3a3a3a; --accent: #8db4ff; --flash: #1f3320; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
ul { padding-left: 1.1rem; margin: 0.25rem 0; }
li { margin: 0.35rem 0; }
.muted, .empty { color: var(--muted); }
.empty { font-style: italic; }
.flash { background: var(--flash); border-radius: 0.5rem; padding: 0.6rem 0.8rem; }
.card { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.6rem 0.8rem; margin: 0.5rem 0; list-style: none; }
.cards { padding: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.4rem 0 0.75rem; }
.actions form { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; margin: 0; }
button { font: inherit; padding: 0.35rem 0.8rem; border-radius: 0.4rem; border: 1px solid var(--accent); background: transparent; color: var(--accent); cursor: pointer; }
input[type=number] { font: inherit; width: 4rem; padding: 0.3rem; }
.tree ul { border-left: 1px dashed var(--line); margin-left: 0.3rem; }
.tag { font-size: 0.8rem; border: 1px solid var(--line); border-radius: 1rem; padding: 0 0.45rem; margin-left: 0.3rem; }
dl { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.2rem 1rem; }
dt { color: var(--muted); }
dd { margin: 0; }
a { color: var(--accent); }
@media (max-width: 30rem) { dl { grid-template-columns: minmax(0, 1fr); } dd { margin-bottom: 0.4rem; } }
`;

export const PAGE_STYLE_HASH = `sha256-${createHash("sha256").update(PAGE_STYLE).digest("base64")}`;
