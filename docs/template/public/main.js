// SyntaxKnowledge docs: typeset math with the KaTeX bundled in public/katex (katex 0.19.1 from npm, MIT,
// see katex/LICENSE) — no CDN, the site works offline.
//
// Markdig's mathematics extension (on in docfx) turns $…$ into <span class="math">\(…\)</span> and $$…$$
// into <div class="math">\[…\]</div>, keeping the TeX away from emphasis and typography. docfx's modern
// template calls start() before it looks for ".math" to load its own MathJax, so start() renames the class
// first (MathJax never loads) and renders every element with KaTeX; auto-render then picks up any \(…\),
// \[…\] or $$…$$ left in the article text (never inside code).
import "./katex/katex.min.js";
import "./katex/contrib/auto-render.min.js";

const options = { throwOnError: false, strict: "ignore", output: "htmlAndMathml" };

function strip(tex, open, close) {
  tex = tex.trim();
  if (tex.startsWith(open) && tex.endsWith(close)) {
    tex = tex.slice(open.length, tex.length - close.length);
  }
  return tex;
}

function renderMath() {
  const katex = globalThis.katex;
  for (const el of document.querySelectorAll(".math")) {
    el.classList.remove("math");
    el.classList.add("sk-math");
    const display = el.tagName !== "SPAN";
    const tex = display ? strip(el.textContent, "\\[", "\\]") : strip(el.textContent, "\\(", "\\)");
    try {
      katex.render(tex, el, { ...options, displayMode: display });
    } catch (e) {
      el.classList.add("katex-error");
      el.title = String(e);
    }
  }
  const article = document.querySelector("article") || document.body;
  globalThis.renderMathInElement?.(article, {
    ...options,
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code", "option"],
  });
}

export default {
  start: () => {
    // Module scripts run after the document is parsed: render synchronously, before the template looks.
    renderMath();
  },
};
