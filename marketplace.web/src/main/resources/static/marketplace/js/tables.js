// On narrow screens a table shows as one card per row (CSS table.stack): each cell carries its column's name.

/** Sets data-label on every body cell from its column's header text; call after filling the table. */
export function labelCells(table) {
  const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  for (const row of table.tBodies[0]?.rows || []) {
    [...row.cells].forEach((cell, i) => { if (names[i]) cell.dataset.label = names[i]; });
  }
}
