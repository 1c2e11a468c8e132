// A tiny Markdown renderer for the rules' documentation: headings,
// paragraphs, lists, **bold**, _italic_, `code`, ```fences```. It builds DOM
// nodes (never innerHTML), so no text can inject markup.
function inline(text, parent) {
  const re = /(`[^`]+`|\*\*[^*]+\*\*|(?<![A-Za-z0-9])_[^_]+_(?![A-Za-z0-9]))/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    const t = m[0];
    let el;
    if (t.startsWith("`")) {
      el = document.createElement("code");
      el.textContent = t.slice(1, -1);
    } else if (t.startsWith("**")) {
      el = document.createElement("strong");
      inline(t.slice(2, -2), el);
    } else {
      el = document.createElement("em");
      inline(t.slice(1, -1), el);
    }
    parent.append(el);
    last = m.index + t.length;
  }
  if (last < text.length) parent.append(text.slice(last));
}

/** Renders Markdown into a DocumentFragment. */
export function renderMarkdown(md) {
  const frag = document.createDocumentFragment();
  const lines = md.replace(/\r\n?/g, "\n").split("\n");
  let para = [];
  let list = null;
  const flush = () => {
    if (para.length) {
      const p = document.createElement("p");
      inline(para.join(" "), p);
      frag.append(p);
      para = [];
    }
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      flush();
      const pre = document.createElement("pre");
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      pre.textContent = code.join("\n");
      frag.append(pre);
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const li = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (h) {
      flush();
      const el = document.createElement("h" + Math.min(6, h[1].length + 2));
      inline(h[2], el);
      frag.append(el);
    } else if (li) {
      if (para.length) flush();
      if (!list) {
        list = document.createElement(/^\s*\d/.test(line) ? "ol" : "ul");
        frag.append(list);
      }
      const item = document.createElement("li");
      inline(li[1], item);
      list.append(item);
    } else if (line.trim() === "") {
      flush();
    } else if (list && /^\s+/.test(line)) {
      inline(" " + line.trim(), list.lastChild);
    } else {
      list = null;
      para.push(line.trim());
    }
  }
  flush();
  return frag;
}
