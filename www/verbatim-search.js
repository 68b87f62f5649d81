// <verbatim-search>: search a prebuilt Verbatim index in the browser.
//
//   <script type="module" src="pkg/verbatim-search.js"></script>
//   <verbatim-search index="pkg/AG12734-fr.idx"></verbatim-search>
//
// Attributes: index (URL, or "#id" of a <script type="application/octet-stream"> holding
// base64; a single-file index, or the manifest.vrba of an archive written by
// `verbatim index --archive`, whose other files are fetched beside it as queries need
// them), wasm (same forms; default: verbatim_bg.wasm beside verbatim.js; an archive is read
// by verbatim-archive.js, which carries its own wasm), lang ("fr" |
// "en"), placeholder, offline (registers ./sw.js, or the URL given), page (URL of the page
// that shows the record, when it is not this one), theme ("light" | "dark"; default: system).
// Events: "verbatim-results" (detail: the `results` property) after each answer;
// "verbatim-select" (cancelable, detail: { hit, citation }) before it scrolls to a paragraph
// (with an archive: before it shows the whole passage in the element, ?hit=<id> in the URL).
// Theming: --verbatim-* custom properties and ::part(); see verbatim-search.css.
//
// A single-file bundle may set, before this module runs, globalThis.__verbatimGlue
// ({ default: init, Engine }: the wasm-bindgen glue) and globalThis.__verbatimCss (the text
// of verbatim-search.css), since no file sits beside an inlined module.
//
// Record text reaches the DOM only through textContent and <mark> elements built from
// highlight ranges, never through innerHTML.

const STRINGS = {
  fr: {
    label: "Rechercher dans le compte rendu",
    placeholder: "Un mot, un orateur, un pays…",
    clear: "Effacer la recherche",
    results: "Résultats",
    sections: "Sections",
    speakers: "Orateurs",
    delegations: "Délégations",
    years: "Années",
    languages: "Langues",
    passages: (n) => (n === 1 ? "1 passage" : `${fmt("fr", n)} passages`),
    found: (n) => (n === 1 ? "1 passage trouvé" : `${fmt("fr", n)} passages trouvés`),
    shown: (n) => ` (les ${n} premiers affichés)`,
    quote: (q) => `«\u00a0${q}\u00a0»`,
    none: (q) => `Aucun passage ne contient «\u00a0${q}\u00a0».`,
    noneHint: "Essayez un autre mot.",
    noneHintFiltered: "Essayez un autre mot ou retirez un filtre.",
    didYouMean: "Vouliez-vous dire ",
    didYouMeanEnd: "\u202f?",
    loading: "Chargement de l’index…",
    copy: (n) => `Copier la citation du § ${n}`,
    copyCitation: "Copier la citation",
    closePassage: "Fermer le passage",
    copied: "Citation copiée",
    copyFailed: "Copie impossible",
    paragraph: (n) => `§ ${n}`,
    damaged: "Cet index de recherche est endommagé — rechargez la page.",
    newer: "Cet index a été créé par une version plus récente de Verbatim.",
    older: "Cet index a été créé par une ancienne version de Verbatim.",
    "not-an-index": "Ce fichier n’est pas un index de recherche Verbatim.",
    missing: "La recherche est indisponible : l’index est introuvable.",
    engine: "La recherche ne peut pas démarrer dans ce navigateur.",
    fetch: "Une partie de l’index n’a pas pu être chargée — vérifiez la connexion, puis réessayez.",
  },
  en: {
    label: "Search the meeting record",
    placeholder: "A word, a speaker, a country…",
    clear: "Clear the search",
    results: "Results",
    sections: "Sections",
    speakers: "Speakers",
    delegations: "Delegations",
    years: "Years",
    languages: "Languages",
    passages: (n) => (n === 1 ? "1 passage" : `${fmt("en", n)} passages`),
    found: (n) => (n === 1 ? "1 passage found" : `${fmt("en", n)} passages found`),
    shown: (n) => ` (first ${n} shown)`,
    quote: (q) => `“${q}”`,
    none: (q) => `No passage contains “${q}”.`,
    noneHint: "Try another word.",
    noneHintFiltered: "Try another word or remove a filter.",
    didYouMean: "Did you mean ",
    didYouMeanEnd: "?",
    loading: "Loading the index…",
    copy: (n) => `Copy the citation of § ${n}`,
    copyCitation: "Copy the citation",
    closePassage: "Close the passage",
    copied: "Citation copied",
    copyFailed: "Could not copy",
    paragraph: (n) => `§ ${n}`,
    damaged: "This search index is damaged — reload the page.",
    newer: "This index was made by a newer Verbatim.",
    older: "This index was made by an older Verbatim.",
    "not-an-index": "This file is not a Verbatim search index.",
    missing: "Search is unavailable: the index could not be found.",
    engine: "Search cannot start in this browser.",
    fetch: "Part of the index could not be loaded — check the connection, then try again.",
  },
};

const LIMIT = 30;
const DEBOUNCE_MS = 80;
const ANNOUNCE_MS = 500;
const FACET_CHIPS = 5;
// An archive answers a query in a few rounds (a filter's keys, terms, translations, word pairs, typo buckets, the
// text of the first hits shown, then the others' text).
const ARCHIVE_ROUNDS = 8;
// The hits of an archive shown as soon as their text arrives, before the others' (a phone's screenful).
const ARCHIVE_FIRST = 3;
// The facets of the results, in the order their chip rows show.
const FACETS = [
  ["section", "sections"],
  ["speaker", "speakers"],
  ["year", "years"],
  ["lang", "languages"],
];

// Language code → its name, one Intl.DisplayNames per interface language.
const languageNames = new Map();

// Counts with the language's digit grouping ("12 345", "12,345"), written out rather than
// through toLocaleString: its first call loads the ICU number formatter, ~40 ms of a
// phone's CPU before the first result.
function fmt(lang, n) {
  return String(n).replace(/\B(?=(\d{3})+$)/g, lang === "fr" ? "\u202f" : ",");
}

// The wasm-bindgen glue, through one function so a single-file bundle can inline it:
// set globalThis.__verbatimGlue = { default: init, Engine } before this module runs.
// An archive needs the other build, verbatim-archive.js (its glue exports Archive).
export function loadGlue(archive = false) {
  const glue = globalThis.__verbatimGlue;
  if (glue && typeof glue[archive ? "Archive" : "Engine"] === "function") return Promise.resolve(glue);
  return archive ? import("./verbatim-archive.js") : import("./verbatim.js");
}

class LoadError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = "VerbatimLoadError";
    this.kind = kind;
  }
}

function decodeBase64(text) {
  const clean = text.replace(/\s+/g, "");
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(clean);
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// The bytes named by an attribute: "#id" (inline base64) or a URL. `what` names the
// attribute in the webmaster's console message.
async function loadBytes(ref, doc, what) {
  if (ref.startsWith("#")) {
    const holder = doc.getElementById(ref.slice(1));
    if (!holder) throw new LoadError("missing", `no element with id="${ref.slice(1)}" holds the ${what} — check the ${what} attribute`);
    try {
      return decodeBase64(holder.textContent);
    } catch {
      throw new LoadError("damaged", `the element ${ref} does not hold base64 — check the ${what} attribute`);
    }
  }
  const url = new URL(ref, doc.baseURI);
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new LoadError("missing", `could not load the ${what} at ${url}: ${e.message} — check the ${what} attribute, and serve the page over http(s)`);
  }
  if (!response.ok) {
    throw new LoadError("missing", `could not load the ${what} at ${url}: HTTP ${response.status} — check the ${what} attribute`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

let gluePromise;
let archiveGluePromise;
const engines = new Map();

// The started glue of one build: verbatim.js (Engine) or verbatim-archive.js (Archive).
function startGlue(archive, wasmRef, doc) {
  const start = async () => {
    if (typeof WebAssembly !== "object") throw new LoadError("engine", "this browser has no WebAssembly");
    // The wasm downloads while the glue does (left to the glue, it would wait for it).
    const source = wasmRef ? loadWasm(wasmRef, doc) : defaultWasm(archive);
    source.catch(() => {});
    const glue = await loadGlue(archive);
    await glue.default({ module_or_path: await source });
    return glue;
  };
  const failed = (e) => {
    const files = archive ? "verbatim-archive.js sits" : "verbatim.js and verbatim_bg.wasm sit";
    const wasm = archive ? "" : " and that .wasm is served as application/wasm";
    return e instanceof LoadError ? e : new LoadError("engine", `could not start the search engine: ${e.message} — check that ${files} beside verbatim-search.js${wasm}`);
  };
  if (archive) {
    return (archiveGluePromise ??= start().catch((e) => {
      archiveGluePromise = undefined;
      throw failed(e);
    }));
  }
  return (gluePromise ??= start().catch((e) => {
    gluePromise = undefined;
    throw failed(e);
  }));
}

// One engine per (index, wasm) pair, shared by every element of the page. The build
// that the index's name announces (manifest.vrba: an archive) starts while the index
// downloads; the index's first bytes decide.
function loadEngine(indexRef, wasmRef, doc) {
  const key = `${indexRef}\n${wasmRef}`;
  if (!engines.has(key)) {
    const bytes = loadBytes(indexRef, doc, "index");
    bytes.catch(() => {});
    const named = /\.vrba(?:[?#]|$)/i.test(indexRef);
    const engine = Promise.all([startGlue(named, wasmRef, doc), bytes]).then(async ([glue, data]) => {
      const archive = isArchive(data);
      if (archive !== named) glue = await startGlue(archive, wasmRef, doc);
      return archive ? new ArchiveEngine(glue, data, new URL(indexRef.startsWith("#") ? "" : indexRef, doc.baseURI)) : new glue.Engine(data);
    });
    engine.catch(() => engines.delete(key));
    engines.set(key, engine);
  }
  return engines.get(key);
}

// An archive's manifest starts with "VRBA" (a single-file index with "VRBT").
function isArchive(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x56 && bytes[1] === 0x52 && bytes[2] === 0x42 && bytes[3] === 0x41;
}

// An archive (manifest.vrba + terms/, typos/, text/, …): the wasm says which files a query
// needs, they are fetched beside the manifest, each once for every element of the page,
// and the query is asked again until it is answered.
class ArchiveEngine {
  #archive;
  #base;
  #files = new Map();

  constructor(glue, bytes, manifestUrl) {
    if (typeof glue.Archive !== "function") {
      throw new LoadError("engine", `the index at ${manifestUrl} is an archive, but verbatim-archive.js has no Archive — copy verbatim-archive.js from the pkg/ of the Verbatim that wrote the archive`);
    }
    this.#archive = new glue.Archive(bytes);
    this.#base = manifestUrl;
  }

  info() {
    return this.#archive.info();
  }

  // `early(results)`, if given, gets the results once the first ARCHIVE_FIRST hits have
  // their text (the others' text is empty), while the rest is fetched.
  async search(query, options, early) {
    const asked = early ? { ...options, text: ARCHIVE_FIRST } : options;
    for (let round = 0; round < ARCHIVE_ROUNDS; round++) {
      const step = this.#archive.search(query, asked);
      if (!step.need?.length) return step.results;
      if (step.results && early) early(step.results);
      await Promise.all(step.need.map((path) => this.#file(path)));
    }
    throw new LoadError("damaged", `the archive at ${this.#base} still asks for files after ${ARCHIVE_ROUNDS} rounds — rebuild it with verbatim index --archive`);
  }

  // The files read so far, the manifest first (absolute URLs).
  files() {
    return [this.#base, ...[...this.#files.keys()].map((path) => new URL(path, this.#base))].map(String);
  }

  // Fetched and added once; a failed file is forgotten, so the next query tries again.
  #file(path) {
    let pending = this.#files.get(path);
    if (!pending) {
      pending = this.#fetch(path);
      this.#files.set(path, pending);
      pending.catch(() => this.#files.delete(path));
    }
    return pending;
  }

  async #fetch(path) {
    const url = new URL(path, this.#base);
    const hint = `keep the archive's folders (terms/, typos/, text/, …) beside ${this.#base.pathname.split("/").pop() || "manifest.vrba"}, as verbatim index --archive wrote them, and reload the page if the archive was rebuilt`;
    let response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new LoadError("fetch", `could not load the archive file ${url}: ${e.message} — check the connection; ${hint}`);
    }
    if (!response.ok) throw new LoadError("fetch", `could not load the archive file ${url}: HTTP ${response.status} — ${hint}`);
    let bytes;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      throw new LoadError("fetch", `the archive file ${url} did not arrive whole: ${e.message} — check the connection`);
    }
    try {
      this.#archive.add(path, bytes);
    } catch (e) {
      throw new LoadError(e?.kind || "damaged", `the archive file ${url} cannot be used (${e?.kind || "damaged"}): ${e?.message || e} — rebuild the archive with verbatim index --archive and copy all of it`);
    }
  }
}

// The wasm beside this module, the one the glue would fetch (a Response: compiled as it
// streams). The glue's own default (undefined) for the archive engine, which carries its
// wasm, and for a bundle's glue block, which has no module beside it.
function defaultWasm(archive) {
  if (archive || globalThis.__verbatimGlue) return Promise.resolve(undefined);
  return fetch(new URL("./verbatim_bg.wasm", import.meta.url));
}

// For the reader, a missing wasm is "search cannot start", not "index not found".
async function loadWasm(ref, doc) {
  if (!ref.startsWith("#")) return new URL(ref, doc.baseURI);
  try {
    return await loadBytes(ref, doc, "wasm");
  } catch (e) {
    throw new LoadError("engine", e.message);
  }
}

// "48e séance plénière – matin & après-midi" → "48e séance plénière".
function meetingName(meeting) {
  return meeting.split(/\s+[–—-]\s+/)[0].trim();
}

// Record URLs come from the index, which came from untrusted input: only http(s)
// links are followed or cited (a javascript: URL would run on choosing a result).
function safeUrl(url) {
  try {
    const parsed = new URL(url || "");
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : "";
  } catch {
    return "";
  }
}

function formatDate(iso, lang) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return "";
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  // UN style in English is "24 November 2025", not the US order.
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

function isEditable(el) {
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Text with <mark> around each [start, end) UTF-16 range; overlapping or unsorted ranges are tolerated.
function appendHighlighted(parent, text, ranges) {
  let at = 0;
  const sorted = [...(ranges || [])].sort((a, b) => a[0] - b[0]);
  for (const [s, e] of sorted) {
    const start = Math.min(Math.max(s, at), text.length);
    const end = Math.min(Math.max(e, start), text.length);
    if (start > at) parent.append(text.slice(at, start));
    if (end > start) {
      const mark = el("mark", "", text.slice(start, end));
      mark.setAttribute("part", "mark");
      parent.append(mark);
    }
    at = Math.max(at, end);
  }
  if (at < text.length) parent.append(text.slice(at));
}

const SVG = {
  search: '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="10.5" cy="10.5" r="6.5"/><path d="m15.5 15.5 5 5"/></svg>',
  clear: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="m6 6 12 12M18 6 6 18"/></svg>',
  copy: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="8" y="8" width="12" height="12" rx="2"/><path d="M16 8V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3"/></svg>',
  done: '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="m5 12.5 4.5 4.5L19 7.5"/></svg>',
};

// Static markup only: strings are filled in with textContent by #applyStrings().
const SHELL = `
<div class="root" part="root" hidden>
  <div class="field" part="field">
    <label class="vh" for="q"></label>
    ${SVG.search}
    <input id="q" part="input" type="search" role="combobox" aria-controls="listbox" aria-expanded="false"
      aria-autocomplete="list" aria-keyshortcuts="/" autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search">
    <kbd class="key" aria-hidden="true">/</kbd>
    <button type="button" class="clear" part="clear" hidden>${SVG.clear}<span class="vh"></span></button>
  </div>
  <p class="message" id="message" part="message" hidden></p>
  <div class="vh" role="status" aria-live="polite" aria-atomic="true"></div>
  <div class="panel" part="panel" hidden>
    <p class="count" part="count"></p>
    <p class="suggestion" part="suggestion" hidden><span></span><button type="button" class="link" part="suggestion-button"></button><span></span></p>
    <div class="facets" part="facets">
      <div class="facet-group" role="group" aria-labelledby="facet-sections" hidden><span class="facet-label" id="facet-sections"></span><span class="chips"></span></div>
      <div class="facet-group" role="group" aria-labelledby="facet-speakers" hidden><span class="facet-label" id="facet-speakers"></span><span class="chips"></span></div>
      <div class="facet-group" role="group" aria-labelledby="facet-years" hidden><span class="facet-label" id="facet-years"></span><span class="chips"></span></div>
      <div class="facet-group" role="group" aria-labelledby="facet-languages" hidden><span class="facet-label" id="facet-languages"></span><span class="chips"></span></div>
    </div>
    <p class="empty" part="empty" hidden><span></span> <span class="hint"></span></p>
    <div class="body">
      <div class="scroller" part="results">
        <div class="results">
          <ul id="listbox" role="listbox" part="listbox"></ul>
          <div class="copies"></div>
        </div>
      </div>
      <div class="hitmap" part="hitmap" aria-hidden="true"><div class="track"></div></div>
    </div>
  </div>
  <article class="passage" part="passage" tabindex="-1" aria-labelledby="passage-title" hidden>
    <div class="passage-head">
      <p class="passage-title" id="passage-title" part="passage-title"></p>
      <button type="button" class="close" part="close">${SVG.clear}<span class="vh"></span></button>
    </div>
    <p class="meta" part="meta"></p>
    <p class="passage-text" part="passage-text"></p>
    <div class="citation" part="citation">
      <p class="citation-text"></p>
      <button type="button" class="copy copy-citation" part="copy">${SVG.copy}<span class="vh"></span></button>
    </div>
  </article>
</div>`;

export class VerbatimSearch extends HTMLElement {
  static define(tag = "verbatim-search", registry = globalThis.customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  static get observedAttributes() {
    return ["lang", "placeholder", "index", "wasm"];
  }

  #shadow;
  #parts = {};
  #engine = null;
  #info = null;
  #ready = null;
  // Names this page's files to the service worker again (set once it is registered).
  #tellWorker = null;
  #failure = null;
  #seq = 0;
  #debounce = 0;
  #announceTimer = 0;
  #results = null;
  #answered = "";
  // The query whose early answer is shown, while the rest of its hits' text comes.
  #early = "";
  #hits = [];
  #active = -1;
  #filters = { section: "", speaker: "", year: "", lang: "" };
  #chosen = null;
  #listeners = null;
  #started = false;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: "open" });
    const sheet = globalThis.__verbatimCss;
    if (typeof sheet === "string" && "adoptedStyleSheets" in this.#shadow) {
      // Single-file bundle: the stylesheet comes inline, there is no file beside the module.
      const css = new CSSStyleSheet();
      css.replaceSync(sheet);
      this.#shadow.adoptedStyleSheets = [css];
    }
    const template = document.createElement("template");
    template.innerHTML = SHELL;
    this.#shadow.append(template.content);
    const $ = (s) => this.#shadow.querySelector(s);
    const p = this.#parts;
    p.root = $(".root");
    p.label = $("label");
    p.input = $("input");
    p.clear = $(".clear");
    p.message = $(".message");
    p.status = $("[role=status]");
    p.panel = $(".panel");
    p.count = $(".count");
    p.suggestion = $(".suggestion");
    p.facets = this.#shadow.querySelectorAll(".facet-group");
    p.passage = $(".passage");
    p.empty = $(".empty");
    p.results = $(".results");
    p.scroller = $(".scroller");
    p.listbox = $("#listbox");
    p.copies = $(".copies");
    p.hitmap = $(".hitmap");
    p.track = $(".track");
    if (typeof sheet === "string") {
      p.root.hidden = false;
    } else {
      // The shell stays hidden until its stylesheet arrives, so it never flashes unstyled.
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL("verbatim-search.css", import.meta.url).href;
      const show = () => (p.root.hidden = false);
      link.addEventListener("load", show, { once: true });
      link.addEventListener("error", () => {
        console.error(`verbatim-search: could not load ${link.href} — copy verbatim-search.css beside verbatim-search.js`);
        show();
      }, { once: true });
      this.#shadow.prepend(link);
    }
    p.input.addEventListener("input", () => this.#onInput());
    p.input.addEventListener("keydown", (e) => this.#onKeydown(e));
    p.input.addEventListener("focus", () => this.#hits.length && this.#open());
    p.clear.addEventListener("click", () => {
      this.#setQuery("");
      p.input.focus();
    });
    p.suggestion.querySelector("button").addEventListener("click", (e) => {
      this.#setQuery(e.currentTarget.textContent);
      p.input.focus();
    });
    p.listbox.addEventListener("click", (e) => {
      const option = e.target.closest("[role=option]");
      if (option) this.#choose(+option.dataset.index);
    });
    p.copies.addEventListener("click", (e) => {
      const button = e.target.closest("button");
      if (button) this.#copy(+button.dataset.index, button);
    });
    p.hitmap.addEventListener("click", (e) => this.#onHitmap(e));
    p.passage.querySelector(".copy").addEventListener("click", (e) => this.#chosen && this.#copyHit(this.#chosen, e.currentTarget));
    p.passage.querySelector(".close").addEventListener("click", () => {
      this.#showPassage(null);
      p.input.focus();
    });
    this.#shadow.querySelector(".facets").addEventListener("click", async (e) => {
      const chip = e.target.closest(".chip");
      if (!chip) return;
      const { facet, value } = chip.dataset;
      this.#filters[facet] = this.#filters[facet] === value ? "" : value;
      await this.#search(true);
      // The chips were rebuilt: keep focus on the one just pressed.
      for (const c of this.#shadow.querySelectorAll(".chip")) if (c.dataset.facet === facet && c.dataset.value === value) c.focus();
    });
  }

  // "en", "en-GB"… → English; anything else → French.
  get #lang() {
    const lang = (this.getAttribute("lang") || "").slice(0, 2).toLowerCase();
    return STRINGS[lang] ? lang : "fr";
  }

  get #strings() {
    return STRINGS[this.#lang];
  }

  /** The last answer: { query (as typed), total, suggestion, hits }, or null. */
  get results() {
    const r = this.#results;
    return r && { query: this.#answered, total: r.total, suggestion: r.suggestion, hits: this.#hits };
  }

  /** The input's current query. */
  get value() {
    return this.#parts.input.value;
  }

  set value(query) {
    this.#setQuery(String(query));
  }

  connectedCallback() {
    this.#listeners = new AbortController();
    this.ownerDocument.addEventListener("keydown", (e) => this.#onDocumentKeydown(e), { signal: this.#listeners.signal });
    if (this.#started) return;
    this.#applyStrings();
    this.#load();
    this.#registerWorker();
    // A shared link: ?q= searches; with #pN too, the reader came for that paragraph, so
    // the results wait behind the input instead of pushing the paragraph down. With an
    // archive, ?hit=<id> names the passage to show.
    const params = new URLSearchParams(location.search);
    const query = params.get("q");
    const hit = params.get("hit");
    const target = this.#markTarget();
    if (query && !this.#parts.input.value) {
      this.#parts.input.value = query;
      this.#search(true, !target && !hit, hit);
    }
    this.#started = true;
  }

  disconnectedCallback() {
    this.#listeners?.abort();
    clearTimeout(this.#debounce);
    clearTimeout(this.#announceTimer);
  }

  attributeChangedCallback(name, old, value) {
    // Upgrades report every attribute before connectedCallback: only later changes matter.
    if (old === value || !this.#started) return;
    if (name === "index" || name === "wasm") {
      this.#ready = null;
      this.#load();
      this.#tellWorker?.();
      this.#search(true);
    } else {
      this.#applyStrings();
      if (this.#results) this.#render();
    }
  }

  #applyStrings() {
    const t = this.#strings;
    const p = this.#parts;
    p.label.textContent = t.label;
    p.input.placeholder = this.getAttribute("placeholder") ?? t.placeholder;
    p.clear.querySelector(".vh").textContent = t.clear;
    p.clear.title = t.clear;
    p.listbox.setAttribute("aria-label", t.results);
    FACETS.forEach(([, plural], i) => (p.facets[i].querySelector(".facet-label").textContent = t[plural]));
    // In an archive of general debates, every speaker is a delegation.
    const speakers = this.#engine instanceof ArchiveEngine ? this.#info?.speakers || [] : [];
    if (speakers.length && speakers.every((s) => s.kind === "delegation")) p.facets[1].querySelector(".facet-label").textContent = t.delegations;
    for (const [sel, text] of [[".close", t.closePassage], [".copy", t.copyCitation]]) {
      const button = p.passage.querySelector(sel);
      button.querySelector(".vh").textContent = text;
      button.title = text;
    }
    p.root.lang = this.#lang;
    if (this.#failure) this.#showFailure(this.#failure);
  }

  #load() {
    if (this.#ready) return this.#ready;
    const index = this.getAttribute("index");
    this.#failure = null;
    this.#parts.message.hidden = true;
    if (!index) {
      console.error("verbatim-search: no index attribute — add index=\"pkg/your-record.idx\" to <verbatim-search>");
      this.#ready = Promise.resolve(null);
      this.#showFailure("missing");
      return this.#ready;
    }
    this.#ready = loadEngine(index, this.getAttribute("wasm") || "", this.ownerDocument).then(
      (engine) => {
        this.#engine = engine;
        this.#info = engine.info();
        if (engine instanceof ArchiveEngine) this.#applyStrings();
        return engine;
      },
      (e) => {
        this.#engine = null;
        const kind = e?.kind || "engine";
        if (e?.name === "VerbatimIndexError") {
          console.error(`verbatim-search: the index at ${new URL(index, document.baseURI)} cannot be used (${kind}): ${e.message}`);
        } else {
          console.error(`verbatim-search: ${e?.message || e}`);
        }
        this.#showFailure(STRINGS.fr[kind] ? kind : "engine");
        return null;
      },
    );
    return this.#ready;
  }

  #showFailure(kind) {
    this.#failure = kind;
    const p = this.#parts;
    p.message.textContent = this.#strings[kind];
    this.#announce(this.#strings[kind], true);
    p.message.hidden = false;
    p.input.setAttribute("aria-describedby", "message");
    this.#close();
  }

  #registerWorker() {
    if (!this.hasAttribute("offline") || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    const url = new URL(this.getAttribute("offline") || "./sw.js", document.baseURI);
    const register = () =>
      navigator.serviceWorker.register(url).then(() => this.#keepOffline(), (e) => {
        console.warn(`verbatim-search: could not register the service worker ${url}: ${e.message} — put sw.js beside the page or remove the offline attribute`);
      });
    if (document.readyState === "complete") register();
    else addEventListener("load", register, { once: true });
  }

  // The worker precaches the site's shell; the files this page uses, it is told, and keeps
  // them: after one visit the page searches offline wherever it sits and whatever its
  // index, and it never downloads the other engine just to keep it. Told again once the
  // worker controls the page (what an archive read before then went past it), and when
  // the element is given another index.
  async #keepOffline() {
    const workers = navigator.serviceWorker;
    const tell = async () => {
      await this.#ready;
      (await workers.ready).active?.postMessage({ keep: this.#usedFiles() });
    };
    this.#tellWorker = tell;
    if (!workers.controller) workers.addEventListener("controllerchange", tell, { once: true });
    await tell();
  }

  // What this page needs to search offline, as absolute URLs of this site: the page
  // (without ?q=, which the worker ignores for pages), its stylesheets, icons and
  // module scripts, the element's files, the engine and the index or archive files read.
  #usedFiles() {
    const doc = this.ownerDocument;
    const page = new URL(location.href);
    page.search = page.hash = "";
    const tags = 'link[rel~="stylesheet"][href], link[rel~="icon"][href], link[rel="manifest"][href], script[type="module"][src]';
    const files = [page.href, ...[...doc.querySelectorAll(tags)].map((e) => e.href || e.src)];
    files.push(import.meta.url, new URL("verbatim-search.css", import.meta.url).href);
    const engine = this.#engine;
    if (engine instanceof ArchiveEngine) {
      files.push(new URL("./verbatim-archive.js", import.meta.url).href, ...engine.files());
    } else if (engine) {
      const index = this.getAttribute("index") || "";
      const wasm = this.getAttribute("wasm") || "";
      files.push(new URL("./verbatim.js", import.meta.url).href);
      if (!index.startsWith("#")) files.push(new URL(index, doc.baseURI).href);
      if (!wasm.startsWith("#")) files.push(wasm ? new URL(wasm, doc.baseURI).href : new URL("./verbatim_bg.wasm", import.meta.url).href);
    }
    return [...new Set(files)].filter((f) => new URL(f).origin === location.origin);
  }

  // ------------------------------------------------------------------ searching

  #onInput() {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#search(false), DEBOUNCE_MS);
    this.#parts.clear.hidden = !this.#parts.input.value;
  }

  #setQuery(query) {
    this.#parts.input.value = query;
    this.#parts.clear.hidden = !query;
    this.#search(true);
  }

  // Stale answers (a slower load finishing after a newer keystroke) are dropped by #seq.
  // `pick`: the id of a passage to show once answered (an archive's ?hit= link).
  async #search(now, reveal = true, pick = "") {
    clearTimeout(this.#debounce);
    const seq = ++this.#seq;
    const query = this.#parts.input.value;
    this.#parts.clear.hidden = !query;
    this.#writeUrl(query);
    this.#showPassage(null);
    if (!query.trim()) {
      this.#filters = { section: "", speaker: "", year: "", lang: "" };
      this.#results = null;
      this.#answered = "";
      this.#hits = [];
      this.#render();
      this.#close();
      this.#announce("", true);
      return;
    }
    if (!this.#engine && !this.#failure) this.#announce(this.#strings.loading, true);
    const engine = this.#engine || (await this.#load());
    if (seq !== this.#seq || !engine) return;
    const options = { limit: LIMIT };
    for (const [facet, value] of Object.entries(this.#filters)) if (value) options[facet] = value;
    let results;
    let chosen = null;
    if (engine instanceof ArchiveEngine) {
      try {
        // The first hits show as soon as their text is here; the others follow.
        const early = (partial) => {
          if (seq !== this.#seq || pick) return;
          this.#show(query, { ...partial, hits: partial.hits.filter((h) => h.text) }, true);
          if (reveal) this.#open();
        };
        results = await engine.search(query, options, early);
        if (pick && seq === this.#seq) chosen = await this.#find(engine, query, options, results, pick);
      } catch (e) {
        if (seq !== this.#seq) return;
        // The first hits are shown: the others' text failing leaves them there.
        if (this.#early === query) console.error(`verbatim-search: ${e?.message || e}`);
        else this.#searchFailed(e);
        return;
      }
      if (seq !== this.#seq) return;
      if (this.#failure === "fetch" || this.#failure === "damaged") {
        // The files a query needed arrived this time: the search works again.
        this.#failure = null;
        this.#parts.message.hidden = true;
        this.#parts.input.removeAttribute("aria-describedby");
      }
    } else {
      results = engine.search(query, options);
    }
    this.#show(query, results);
    if (chosen) this.#showPassage(chosen, false);
    else if (reveal || pick) this.#open();
    this.dispatchEvent(new CustomEvent("verbatim-results", { bubbles: true, composed: true, detail: this.results }));
    const t = this.#strings;
    let text = results.total ? t.found(results.total) : t.none(query);
    if (!results.total && this.#suggestion()) text += ` ${t.didYouMean}${t.quote(this.#suggestion())}${t.didYouMeanEnd}`;
    if (reveal) this.#announce(text, now);
  }

  // Shows an answer. An archive's early answer (`early`: its first hits) is followed by the
  // whole one, which keeps the option the keyboard was on.
  #show(query, results, early = false) {
    const active = this.#early === query ? this.#active : -1;
    this.#early = early ? query : "";
    this.#results = results;
    this.#answered = query;
    this.#hits = results.hits || results.results || [];
    this.#render();
    if (active >= 0 && active < this.#hits.length) this.#activate(active);
  }

  // The passage a ?hit= link names: among the results, else among that record's.
  async #find(engine, query, options, results, id) {
    const found = (r) => (r?.hits || []).find((h) => h.id === id);
    if (found(results)) return found(results);
    const record = id.slice(0, id.lastIndexOf("#"));
    return record ? found(await engine.search(query, { ...options, record, limit: 1000 })) || null : null;
  }

  // A file an archive query needed did not come: say so, and let the next query try again.
  #searchFailed(e) {
    const kind = STRINGS.fr[e?.kind] ? e.kind : "fetch";
    console.error(`verbatim-search: ${e?.message || e}`);
    this.#results = null;
    this.#hits = [];
    this.#render();
    this.#showFailure(kind);
  }

  #suggestion() {
    const s = this.#results?.suggestion;
    const fold = (x) => x.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
    return s && fold(s) !== fold(this.#parts.input.value) ? s : "";
  }

  #announce(text, now) {
    clearTimeout(this.#announceTimer);
    const say = () => (this.#parts.status.textContent = text);
    if (now) say();
    else this.#announceTimer = setTimeout(say, ANNOUNCE_MS);
  }

  #writeUrl(query, anchor, hit) {
    try {
      const url = new URL(location.href);
      if (query.trim()) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      if (hit) url.searchParams.set("hit", hit);
      else if (url.searchParams.has("hit")) url.searchParams.delete("hit");
      if (anchor) url.hash = anchor;
      if (url.href !== location.href) history.replaceState(history.state, "", url);
    } catch {
      // file:// pages may refuse replaceState; the search still works.
    }
  }

  // ------------------------------------------------------------------ rendering

  #render() {
    const p = this.#parts;
    const t = this.#strings;
    const results = this.#results;
    const hits = this.#hits;
    this.#active = -1;
    p.input.removeAttribute("aria-activedescendant");
    const options = [];
    const copies = [];
    hits.forEach((hit, i) => {
      const record = this.#record(hit).lang;
      const option = el("li", "option");
      option.id = `opt-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("part", "option");
      option.dataset.index = i;
      const meta = el("span", "meta");
      meta.setAttribute("part", "meta");
      this.#appendMeta(meta, hit);
      const snippet = el("span", "snippet");
      snippet.setAttribute("part", "snippet");
      if (record) snippet.lang = record;
      const s = typeof hit.snippet === "string" ? { text: hit.snippet, highlights: hit.snippet_highlights } : hit.snippet || { text: hit.text, highlights: hit.highlights };
      appendHighlighted(snippet, s.text, s.highlights);
      option.append(meta, snippet);
      if (hit.section) {
        const section = el("span", "section", hit.section);
        section.setAttribute("part", "section");
        if (record) section.lang = record;
        option.append(section);
      }
      options.push(option);
      const copy = el("button", "copy");
      copy.type = "button";
      copy.dataset.index = i;
      copy.setAttribute("part", "copy");
      copy.innerHTML = SVG.copy;
      copy.append(el("span", "vh", t.copy(hit.number)));
      copy.title = t.copy(hit.number);
      copies.push(copy);
    });
    p.listbox.replaceChildren(...options);
    p.copies.replaceChildren(...copies);
    p.results.style.setProperty("--rows", Math.max(1, hits.length));
    p.scroller.hidden = !hits.length;

    const total = results?.total || 0;
    p.count.textContent = total ? t.passages(total) + (total > hits.length ? t.shown(hits.length) : "") : "";
    p.count.hidden = !total;

    const suggestion = this.#suggestion();
    p.suggestion.hidden = !suggestion;
    if (suggestion) {
      const [before, button, after] = p.suggestion.children;
      before.textContent = t.didYouMean;
      button.textContent = suggestion;
      const record = this.#info?.records?.[0]?.lang;
      if (record) button.lang = record;
      after.textContent = t.didYouMeanEnd;
    }

    p.empty.hidden = !results || total > 0;
    if (results && !total) {
      p.empty.firstElementChild.textContent = t.none(p.input.value.trim());
      p.empty.lastElementChild.textContent = Object.values(this.#filters).some(Boolean) ? t.noneHintFiltered : t.noneHint;
    }

    FACETS.forEach(([facet, plural], slot) => this.#renderFacets(slot, facet, results?.facets?.[plural]));
    this.#shadow.querySelector(".facets").hidden = [...p.facets].every((g) => g.hidden);
    this.#renderHitmap();
  }

  // "§ 23 · Speaker", and in an archive the record first: "General Debate, 78th session (2023): France · § 23".
  #appendMeta(meta, hit) {
    const title = this.#engine instanceof ArchiveEngine ? hit.title || hit.record : "";
    if (title) {
      const record = el("span", "record", title);
      record.setAttribute("part", "record");
      meta.append(record);
    }
    meta.append(el("span", "num", this.#strings.paragraph(hit.number)));
    if (hit.speaker && !title.includes(hit.speaker)) meta.append(el("span", "speaker", hit.speaker));
  }

  // What a chip shows: the value, or for a language code its name ("en" → "English").
  // Intl is reached only for a chip shown: its first use loads ICU data, tens of ms on a phone.
  #chipLabel(facet, value) {
    if (facet !== "lang") return value;
    try {
      let names = languageNames.get(this.#lang);
      if (!names) languageNames.set(this.#lang, (names = new Intl.DisplayNames([this.#lang], { type: "language" })));
      return names.of(value) || value;
    } catch {
      return value;
    }
  }

  #renderFacets(slot, facet, values = []) {
    const group = this.#parts.facets[slot];
    const chosen = this.#filters[facet];
    let shown = values.slice(0, FACET_CHIPS);
    if (chosen && !shown.some((v) => v.value === chosen)) {
      shown = [values.find((v) => v.value === chosen) || { value: chosen, count: 0 }, ...shown.slice(0, FACET_CHIPS - 1)];
    }
    // A facet with one value filters nothing, unless it is the active filter.
    group.hidden = !(shown.length > 1 || chosen);
    if (group.hidden) shown = [];
    const chips = shown.map(({ value, count }) => {
      const chip = el("button", "chip");
      chip.type = "button";
      chip.setAttribute("part", value === chosen ? "chip chip-pressed" : "chip");
      chip.setAttribute("aria-pressed", String(value === chosen));
      chip.dataset.facet = facet;
      chip.dataset.value = value;
      const label = el("span", "chip-label", this.#chipLabel(facet, value));
      label.title = label.textContent;
      chip.append(label, el("span", "chip-count", fmt(this.#lang, count)));
      return chip;
    });
    group.querySelector(".chips").replaceChildren(...chips);
  }

  #position(hit) {
    const passages = this.#info?.passages || 0;
    if (passages < 2) return 0;
    return Math.min(1, Math.max(0, (hit.number - 1) / (passages - 1)));
  }

  // The hit map places paragraphs in one record; an archive's results span many.
  #renderHitmap() {
    const hits = this.#engine instanceof ArchiveEngine ? [] : this.#hits;
    const marks = hits.map((hit, i) => {
      const mark = el("span", "tick");
      mark.dataset.index = i;
      mark.style.top = `${(this.#position(hit) * 100).toFixed(2)}%`;
      return mark;
    });
    this.#parts.track.replaceChildren(...marks);
    this.#parts.hitmap.hidden = !marks.length;
  }

  #onHitmap(event) {
    if (!this.#hits.length || this.#engine instanceof ArchiveEngine) return;
    const box = this.#parts.track.getBoundingClientRect();
    const at = Math.min(1, Math.max(0, (event.clientY - box.top) / Math.max(1, box.height)));
    let best = 0;
    this.#hits.forEach((hit, i) => {
      if (Math.abs(this.#position(hit) - at) < Math.abs(this.#position(this.#hits[best]) - at)) best = i;
    });
    this.#choose(best);
  }

  // ------------------------------------------------------------------ combobox

  #open() {
    const p = this.#parts;
    if (!p.input.value.trim() || !this.#results) return;
    p.panel.hidden = false;
    p.input.setAttribute("aria-expanded", String(this.#hits.length > 0));
  }

  #close() {
    const p = this.#parts;
    p.panel.hidden = true;
    p.input.setAttribute("aria-expanded", "false");
    this.#activate(-1);
  }

  get #expanded() {
    return !this.#parts.panel.hidden;
  }

  #activate(i) {
    const options = this.#parts.listbox.children;
    const ticks = this.#parts.track.children;
    options[this.#active]?.removeAttribute("aria-selected");
    ticks[this.#active]?.classList.remove("active");
    this.#active = i;
    const option = options[i];
    if (!option) {
      this.#parts.input.removeAttribute("aria-activedescendant");
      return;
    }
    option.setAttribute("aria-selected", "true");
    ticks[i]?.classList.add("active");
    this.#parts.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  #onKeydown(event) {
    if (event.isComposing) return;
    const n = this.#hits.length;
    const key = event.key;
    const ctrl = event.ctrlKey && !event.altKey && !event.metaKey;
    if (key === "ArrowDown" || (ctrl && key === "n")) {
      if (!n) return;
      event.preventDefault();
      if (!this.#expanded) this.#open();
      this.#activate((this.#active + 1) % n);
    } else if (key === "ArrowUp" || (ctrl && key === "p")) {
      if (!n) return;
      event.preventDefault();
      if (!this.#expanded) this.#open();
      this.#activate(this.#active <= 0 ? n - 1 : this.#active - 1);
    } else if (key === "Enter") {
      event.preventDefault();
      if (this.#expanded && this.#active >= 0) this.#choose(this.#active);
      else this.#search(true);
    } else if (key === "Escape") {
      if (this.#expanded) {
        event.preventDefault();
        this.#close();
      } else if (this.#parts.input.value) {
        event.preventDefault();
        this.#setQuery("");
      }
    }
  }

  #onDocumentKeydown(event) {
    if (event.key !== "/" || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isEditable(event.composedPath()[0])) return;
    event.preventDefault();
    this.#parts.input.focus();
    this.#parts.input.select();
  }

  // ------------------------------------------------------------------ choosing a result

  #record(hit) {
    if (this.#engine instanceof ArchiveEngine) {
      // An archive's hits carry their record; its info lists languages, not records.
      const langs = (this.#info?.languages || []).map((l) => (typeof l === "string" ? l : l?.value || l?.code || ""));
      return { symbol: hit.record, title: hit.title || "", date: hit.date || "", lang: hit.lang || (langs.length === 1 ? langs[0] : "") };
    }
    const records = this.#info?.records || [];
    return records.find((r) => r.symbol === hit.record) || records[0] || {};
  }

  // An archive passage's link: this page, its query and ?hit=<id>.
  #hitUrl(hit) {
    try {
      const url = new URL(location.href);
      url.hash = "";
      url.searchParams.set("q", this.#answered || this.#parts.input.value);
      url.searchParams.set("hit", hit.id);
      return /^https?:$/.test(url.protocol) ? url.href : "";
    } catch {
      return "";
    }
  }

  // Where § N can be read: this page when it holds the paragraph, else the page attribute, else the record's source.
  #paragraphUrl(hit) {
    const doc = this.ownerDocument;
    if (doc.getElementById(hit.anchor)) {
      const url = new URL(location.href);
      url.searchParams.delete("q");
      url.hash = hit.anchor;
      return url.href;
    }
    if (this.getAttribute("page")) return new URL(`#${hit.anchor}`, new URL(this.getAttribute("page"), doc.baseURI)).href;
    return safeUrl(this.#record(hit).url);
  }

  /** The citation of a hit: « AG/12734, 48e séance plénière, 24 novembre 2025, § 23 — https://…#p23 ». */
  citation(hit) {
    if (this.#engine instanceof ArchiveEngine) {
      // « FRA_78_2023, General Debate, 78th session (2023): France, § 12 — https://…?q=…&hit=FRA_78_2023%23p12 »
      const r = this.#record(hit);
      const date = formatDate(r.date, this.#lang) || (r.date && !r.title.includes(r.date) ? r.date : "");
      const url = this.#hitUrl(hit);
      return [r.symbol, r.title !== r.symbol && r.title, date, this.#strings.paragraph(hit.number)].filter(Boolean).join(", ") + (url ? ` — ${url}` : "");
    }
    const r = this.#record(hit);
    const parts = [r.symbol || hit.record, r.meeting && meetingName(r.meeting), formatDate(r.date, this.#lang), this.#strings.paragraph(hit.number)];
    const url = this.#paragraphUrl(hit);
    return parts.filter(Boolean).join(", ") + (url ? ` — ${url}` : "");
  }

  #choose(i) {
    const hit = this.#hits[i];
    if (!hit) return;
    const select = new CustomEvent("verbatim-select", { bubbles: true, composed: true, cancelable: true, detail: { hit, citation: this.citation(hit) } });
    if (!this.dispatchEvent(select)) return;
    this.#close();
    if (this.#engine instanceof ArchiveEngine) {
      this.#showPassage(hit, true);
      return;
    }
    const doc = this.ownerDocument;
    const target = doc.getElementById(hit.anchor);
    if (!target) {
      // The record is on another page: go there, carrying the query so its widget shows it too.
      const page = this.getAttribute("page");
      const url = new URL(this.#paragraphUrl(hit) || location.href);
      if (page) url.searchParams.set("q", this.#parts.input.value);
      else console.info(`verbatim-search: § ${hit.number} is not on this page, opening the record's source — set the page attribute to the URL of your copy of the record`);
      if (url.href !== location.href) location.assign(url.href);
      return;
    }
    this.#writeUrl(this.#parts.input.value, hit.anchor);
    this.#highlight(target, true);
  }

  #highlight(target, move) {
    const doc = this.ownerDocument;
    for (const old of doc.querySelectorAll(".verbatim-target")) if (old !== target) old.classList.remove("verbatim-target");
    target.classList.add("verbatim-target");
    if (!move) return;
    if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
    const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    target.focus({ preventScroll: true });
  }

  // A page opened at #p23 (a shared citation) shows that paragraph highlighted.
  #markTarget() {
    const id = location.hash.slice(1);
    const target = /^p\d+$/.test(id) && this.ownerDocument.getElementById(id);
    if (target) this.#highlight(target, false);
    return target;
  }

  // An archive has no record page to scroll to: the whole passage shows in the element,
  // with its citation, and the URL names it (?hit=<id>) so a reload shows it again.
  #showPassage(hit, move = false) {
    const p = this.#parts;
    this.#chosen = hit;
    p.passage.hidden = !hit;
    if (!hit) return;
    const r = this.#record(hit);
    p.passage.querySelector(".passage-title").textContent = hit.title || r.symbol || hit.record;
    const meta = p.passage.querySelector(".meta");
    meta.replaceChildren(el("span", "num", this.#strings.paragraph(hit.number)));
    if (hit.speaker && !(hit.title || "").includes(hit.speaker)) meta.append(el("span", "speaker", hit.speaker));
    if (hit.section) meta.append(el("span", "section", hit.section));
    const text = p.passage.querySelector(".passage-text");
    text.replaceChildren();
    text.lang = r.lang || "";
    if (!r.lang) text.removeAttribute("lang");
    appendHighlighted(text, hit.text || "", hit.highlights);
    p.passage.querySelector(".citation-text").textContent = this.citation(hit);
    this.#writeUrl(this.#answered || p.input.value, "", hit.id);
    if (move) {
      const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
      p.passage.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
      p.passage.focus({ preventScroll: true });
    }
  }

  #copy(i, button) {
    const hit = this.#hits[i];
    if (hit) this.#copyHit(hit, button);
  }

  async #copyHit(hit, button) {
    const t = this.#strings;
    const text = this.citation(hit);
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = this.#copyFallback(text);
      button.focus();
    }
    const label = button.querySelector(".vh");
    button.innerHTML = ok ? SVG.done : SVG.copy;
    button.append(label);
    button.classList.toggle("copied", ok);
    button.title = ok ? t.copied : t.copyFailed;
    this.#announce(ok ? t.copied : t.copyFailed, true);
    setTimeout(() => {
      if (!button.isConnected) return;
      button.innerHTML = SVG.copy;
      button.append(label);
      button.classList.remove("copied");
      button.title = button.classList.contains("copy-citation") ? t.copyCitation : t.copy(hit.number);
    }, 2000);
  }

  // Without the async clipboard (insecure origins, old browsers), select text and copy.
  #copyFallback(text) {
    const area = el("textarea", "offscreen");
    area.value = text;
    area.setAttribute("readonly", "");
    this.#shadow.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

VerbatimSearch.define();
