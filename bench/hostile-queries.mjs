// Writes tests/data/eval/hostile-queries.jsonl: the worst queries a person (or a
// script) can type or paste, for `verbatim bench` to time. Not judged: every line
// has "relevant_ids": [], so `verbatim eval` would score them 0 — use them with
// `bench`, not `eval`. Each line names its "kind", so one can be timed alone.
//
//   node bench/hostile-queries.mjs        (deterministic: the same file every time)
//   cargo run --release --features cli -- index records/AG12734-fr.txt -o target/AG12734-fr.idx
//   cargo run --release --features cli -- bench --index target/AG12734-fr.idx \
//       --queries tests/data/eval/hostile-queries.jsonl
//
// JSON cannot carry a lone UTF-16 surrogate; what a browser hands the engine for
// one (TextEncoder, as wasm-bindgen uses) is U+FFFD, so that is what stands here.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const OUT = fileURLToPath(new URL("../tests/data/eval/hostile-queries.jsonl", import.meta.url));
const KB100 = 100_000;
// Queries are cut at 1,000 characters before anything else runs, so most long
// pastes here are 4,000 units; a few are the full 100 KB to time the cut itself.
const LONG = 4_000;

// Repeats `unit` to `length` UTF-16 code units, without cutting a surrogate pair.
function fill(unit, length = LONG) {
  let s = unit.repeat(Math.ceil(length / unit.length));
  s = s.slice(0, length);
  if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
  return s;
}

// Words of the record, common and rare, for queries that do match.
const WORDS = "traite des personnes travail forcé Lituanie Bélarus Mullally rapporteuse ONUDC victimes migrants "
  + "déclaration politique Assemblée générale trafic enfants exploitation sexuelle Haïti Chypre Monaco "
  + "coopération internationale plan d’action mondial criminalité organisée frontières";
const words = WORDS.split(" ");
const MISSPELLED = "Mulaly Baerbok Lituanei Bélaruss rapoteuse victmes migrnats déclaratoin politiqe Assemblé "
  + "généraal trafficc enfnats exploitaiton sexuele Haitï Chipre Monacco coopératoin internationnale "
  + "criminalitée organisé frontièrres trafiquantts protectoin survivantes réintégratoin pourssuites "
  + "condamnatoins prévenntion sensibilisatoin";

// A pronounceable-looking word that is in no dictionary, the same for the same `i`.
function randomWord(i) {
  let x = (i + 1) * 2654435761;
  const letters = "abcdefghijklmnoprstu";
  const length = [8, 9, 10, 12, 30][i % 5];
  let w = "";
  for (let k = 0; k < length; k++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    w += letters[(x >>> 16) % letters.length];
  }
  return w;
}

const queries = [
  // Long pastes: cut at 1,000 characters, then searched.
  ["long-real-words", fill(`${WORDS} `, KB100)],
  ["long-one-letter", fill("a", KB100)],
  ["long-unknown-word", fill("zqxj")],
  ["long-whitespace", fill(" \t\n\u00a0\u2003")],
  ["long-digits", fill("1234567890")],
  ["long-numbers-spaced", fill("15 000 60 % 2025 ")],
  ["long-hyphen-chain", fill("traite-des-personnes-")],
  ["long-elisions", fill("l’d’qu’")],
  ["long-un-symbols", fill("A/80/PV.48 AG/12734 ")],
  ["long-slashes", fill("/")],
  ["long-combining-marks", fill("e\u0301\u0302\u0303\u0304\u0305")],
  // Control characters (C0, DEL, C1) between and inside words.
  ["controls-between-words", fill("traite\u0000\u0007personnes\u001b[31m\u007f\u0085\u009b ")],
  ["controls-100k", fill("traite personnes\u0085\u0007 ", KB100)],
  ["controls-only", fill(Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("") + "\u007f\u0080\u009f")],
  // Lone surrogates from JS arrive as U+FFFD.
  ["replacement-chars", fill("\ufffd", KB100)],
  ["replacement-in-words", fill("trai\ufffdte per\ufffdsonnes ")],
  // Right-to-left text and bidi controls.
  ["rtl-arabic-hebrew", fill("الاتجار بالبشر סחר בבני אדם ", KB100)],
  ["rtl-bidi-overrides", fill("\u202etraite\u202c \u2067personnes\u2069 \u200f\u061c ")],
  ["rtl-mixed-with-words", `\u202e${"مرحبا "}traite des personnes ${"שלום"}`],
  // Emoji: ZWJ sequences, flags, skin tones, keycaps.
  ["emoji", fill("👩‍👩‍👧‍👦🇫🇷🏽1️⃣🙂 ", KB100)],
  ["emoji-around-words", fill("🙂traite🙂 personnes🇱🇹 ")],
  // Quoted phrases: a thousand of them, the same and all different, and one long one.
  ["quoted-1000-same", "\"traite des personnes\" ".repeat(1000)],
  ["quoted-1000-distinct", Array.from({ length: 1000 }, (_, i) => `"${words[i % words.length]} ${words[(i * 7 + 3) % words.length]}"`).join(" ")],
  ["quoted-one-long-phrase", `"${fill(`${WORDS} `, 990)}"`],
  ["quotes-only", fill("\"")],
  ["quotes-mixed-unbalanced", fill("«“„\"»” ")],
  // Dashes and exclusions.
  ["four-dashes", "----"],
  ["dashes-only", fill("-")],
  ["dashes-and-minus-signs", fill("- −− -- ")],
  ["exclusions-many-known", words.map((w) => `-${w}`).join(" ").repeat(20)],
  ["exclusions-many-unknown", Array.from({ length: 300 }, (_, i) => `-zq${i.toString(36)}x`).join(" ")],
  ["exclusions-everything", `traite ${words.map((w) => `-${w}`).join(" ")}`],
  // Expensive expansions: 32 misspelled words (typo search on each), common prefixes,
  // function words only (every passage matches), the same word 32 times.
  ["typos-32", MISSPELLED],
  ["typos-32-repeated", fill(`${MISSPELLED} `)],
  // The worst found: every clause an unknown word, so each runs a typo search over the
  // whole dictionary — 32 distinct ones, and one word 32 times (expansions are not shared).
  ["unknown-32-distinct", Array.from({ length: 32 }, (_, i) => randomWord(i)).join(" ")],
  ["unknown-same-32", "Mulaly ".repeat(32)],
  ["un-symbols-unknown-32", "A/80/PV.48 AG/12734 ".repeat(16)],
  ["prefix-one-letter", "d"],
  ["prefixes-short", "a b c d e f g h i j k l m n o p q r s t u v w x y z é à ç"],
  ["stopwords-only", fill("de la le les des du et en à au aux un une the of and ")],
  ["same-word-32", "traite ".repeat(32)],
  ["question-long", fill("Qu'a dit la Lituanie sur le Bélarus et la traite des personnes ? ")],
];

const lines = queries.map(([kind, query]) => JSON.stringify({ query, kind, relevant_ids: [] }));
writeFileSync(OUT, lines.join("\n") + "\n");
console.log(`${OUT}: ${queries.length} queries, longest ${Math.max(...queries.map(([, q]) => q.length))} UTF-16 units`);
