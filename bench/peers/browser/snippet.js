// A result snippet for engines that return a stored text but no excerpt of their own
// (MiniSearch, FlexSearch, lunr, Orama): the ~200-character window around the first
// query word found, accents and case ignored. Bundled into each of those engines'
// engine.js, so its bytes count in their payload like Verbatim's snippet code does.
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

export function snippet(text, query, width = 200) {
  // NFD + dropping combining marks keeps one code unit per base letter for Latin text,
  // so offsets into the folded text are offsets into the original.
  const folded = fold(text);
  const sameLength = folded.length === text.length;
  let at = -1;
  for (const word of fold(query).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1)) {
    const i = folded.indexOf(word);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0 || !sameLength) at = 0;
  const start = Math.max(0, Math.min(at - width / 3, text.length - width));
  const cut = text.slice(Math.round(start), Math.round(start) + width);
  return (start > 0 ? "…" : "") + cut + (start + width < text.length ? "…" : "");
}
