() => {
  // Words (letters and digits between spaces, punctuation, and the @ . / - where an address or
  // a number may break) whose text lies on two lines. Bidi text gives one rect per run on the
  // same line: only rects on different lines count.
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const re = /[^\s@./\-–—()\[\],;:!?«»"'“”‘’،؛]+/gu;
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest("script,style,svg,noscript,[hidden],.md-search,.md-sidebar--secondary")) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden" || cs.display === "none") continue;
    if (!el.getClientRects().length) continue;
    let m;
    re.lastIndex = 0;
    while ((m = re.exec(node.data))) {
      const r = document.createRange();
      r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      const rects = [...r.getClientRects()].filter((x) => x.width > 0.5 && x.height > 0.5);
      if (rects.length < 2) continue;
      const tops = rects.map((x) => x.top).sort((a, b) => a - b);
      const h = Math.min(...rects.map((x) => x.height));
      if (tops[tops.length - 1] - tops[0] > h * 0.6) out.push(m[0]);
    }
  }
  return out;
}
