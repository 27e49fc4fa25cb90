() => [...document.querySelectorAll("article table")]
  .filter((t) => t.getClientRects().length)
  .map((t) => {
    const column = (t.closest(".md-content__inner") || t.parentElement).getBoundingClientRect();
    const wrap = t.parentElement;
    return {
      table: t.className,
      width: Math.round(t.getBoundingClientRect().width),
      column: Math.round(column.width),
      scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
    };
  })
  .filter((x) => x.width > x.column + 1 || x.scrolls)
