//! `verbatim bundle --single-file <out.html> [--index <idx>] [--pkg pkg] [--page index.html]`:
//! one self-contained HTML file that searches when opened from disk (file://).
//!
//! The record page (rendered from the index, or `--page`) is rewritten so that
//! it fetches nothing:
//! - local stylesheets become `<style>` blocks (their `url()`s become data: URLs);
//! - the manifest link and any CSP meta are dropped (no service worker here);
//! - the index and the wasm become base64 blocks,
//!   `<script type="application/octet-stream" id="verbatim-index">` and `id="verbatim-wasm"`,
//!   and `<verbatim-search index="#verbatim-index" wasm="#verbatim-wasm">` points at them;
//! - the wasm-bindgen glue (pkg/verbatim.js) becomes an inline module whose
//!   exports are rewritten into `globalThis.__verbatimGlue = { default, Engine, … }`
//!   (file:// blocks module scripts by URL, not inline ones), placed before the
//!   first module script so it runs first;
//! - module scripts (the element, pkg/verbatim-search.js) are inlined in place;
//!   the element must take the glue from `globalThis.__verbatimGlue` when it is
//!   set, and its own stylesheet (pkg/verbatim-search.css, if any) from
//!   `globalThis.__verbatimCss` (the CSS text), set by the glue block.

use crate::page::{Links, escape, read_index, render, write_atomically};
use anyhow::{Context, Result, anyhow, bail};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Where to write the self-contained HTML file.
    #[arg(long, value_name = "OUT.html")]
    single_file: PathBuf,
    /// The index to inline [default: the only .idx file in --pkg].
    #[arg(long)]
    index: Option<PathBuf>,
    /// The pkg folder: verbatim.js (glue), verbatim_bg.wasm, verbatim-search.js (element), page.css.
    #[arg(long, default_value = "pkg")]
    pkg: PathBuf,
    /// Start from this page instead of rendering one from the index; its local
    /// links resolve against its folder, then by file name in --pkg.
    #[arg(long)]
    page: Option<PathBuf>,
}

const GLUE: &str = "verbatim.js";
const WASM: &str = "verbatim_bg.wasm";
const ELEMENT: &str = "verbatim-search.js";
const ELEMENT_CSS: &str = "verbatim-search.css";

pub fn run(args: Args) -> Result<()> {
    let index_path = match &args.index {
        Some(path) => path.clone(),
        None => only_index_in(&args.pkg)?,
    };
    let index =
        std::fs::read(&index_path).with_context(|| format!("cannot read the index {}", index_path.display()))?;
    let data = read_index(&index_path)?;
    let wasm = read(&args.pkg.join(WASM))?;
    if !wasm.starts_with(b"\0asm") {
        bail!("{}: not a WebAssembly module", args.pkg.join(WASM).display());
    }
    let glue = read_text(&args.pkg.join(GLUE))?;
    let (page, base) = match &args.page {
        Some(path) => (read_text(path)?, path.parent().map(Path::to_path_buf)),
        None => (render(&data, &Links::new("pkg/", None, &index_path)), None),
    };
    let element_css = args.pkg.join(ELEMENT_CSS);
    let element_css = if element_css.is_file() {
        let text = read_text(&element_css)?;
        Some(inline_css_urls(&text, element_css.parent(), &mut Vec::new()))
    } else {
        None
    };
    let inputs = Inputs { pkg: &args.pkg, base: base.as_deref(), glue: &glue, element_css, wasm: &wasm, index: &index };
    let (html, warnings) = bundle(&page, &inputs)?;
    for warning in &warnings {
        eprintln!("verbatim bundle: warning: {warning}");
    }
    write_atomically(&args.single_file, html.as_bytes())?;
    println!(
        "{}: {} bytes ({} gzip); wasm {} bytes, index {} bytes, inlined as base64",
        args.single_file.display(),
        html.len(),
        crate::gzip_len(html.as_bytes()),
        wasm.len(),
        index.len()
    );
    Ok(())
}

/// Everything the page is bundled with.
struct Inputs<'a> {
    pkg: &'a Path,
    /// Folder of a given page (its relative links resolve there first).
    base: Option<&'a Path>,
    glue: &'a str,
    element_css: Option<String>,
    wasm: &'a [u8],
    index: &'a [u8],
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| {
        format!("cannot read {}; build pkg/ first (make pkg, i.e. scripts/build-pkg.sh), or give --pkg", path.display())
    })
}

fn read_text(path: &Path) -> Result<String> {
    String::from_utf8(read(path)?).map_err(|_| anyhow!("{}: not UTF-8 text", path.display()))
}

/// The single .idx file of the pkg folder.
fn only_index_in(pkg: &Path) -> Result<PathBuf> {
    let entries = std::fs::read_dir(pkg).with_context(|| {
        format!("cannot read the folder {}; build pkg/ first (make pkg), or give --pkg", pkg.display())
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .collect();
    found.sort();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("{}: no .idx file; give the index with --index", pkg.display()),
        _ => bail!("{}: several .idx files; choose one with --index", pkg.display()),
    }
}

/// Rewrites the page into the single file; also returns warnings.
fn bundle(page: &str, inputs: &Inputs) -> Result<(String, Vec<String>)> {
    let mut warnings = Vec::new();
    let mut out = String::with_capacity(page.len() + inputs.wasm.len() * 4 / 3 + inputs.index.len() * 4 / 3 + 65536);
    let mut glue_done = false;
    let mut elements = 0;
    let mut body_end = None;
    let mut module_sources: Vec<String> = Vec::new();
    for token in tokenize(page) {
        match token {
            Token::Text(text) => out.push_str(text),
            Token::Tag(tag) => match tag.name.as_str() {
                "link" => {
                    let rel = tag.attr("rel").unwrap_or_default().to_ascii_lowercase();
                    let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
                    let href = tag.attr("href").unwrap_or_default();
                    if rels.contains(&"manifest") {
                        continue;
                    }
                    if !is_local(href) {
                        if rels.contains(&"stylesheet") {
                            warnings.push(format!("the stylesheet {href} stays remote: it needs the network"));
                        }
                        out.push_str(tag.source);
                        continue;
                    }
                    if rels.contains(&"stylesheet") {
                        let file = find(href, inputs)?;
                        let css = inline_css_urls(&read_text(&file)?, file.parent(), &mut warnings);
                        out.push_str("<style>");
                        out.push_str(&raw_text(&css, "style"));
                        out.push_str("</style>");
                    } else if rels.iter().any(|r| r.contains("icon")) {
                        match find(href, inputs) {
                            Ok(file) => {
                                let url = data_url(&file)?;
                                out.push_str(&tag.with_attrs(&[("href", Some(&url))], &[]));
                            }
                            Err(e) => warnings.push(format!("no icon: {e:#}")),
                        }
                    }
                    // Other local links (preload, modulepreload…) would fetch: dropped.
                }
                "script" => {
                    let Some(src) = tag.attr("src") else {
                        out.push_str(tag.source);
                        continue;
                    };
                    if !is_local(src) {
                        warnings.push(format!("the script {src} stays remote: it needs the network"));
                        out.push_str(tag.source);
                        continue;
                    }
                    if file_name(src) == GLUE {
                        continue; // the glue block below replaces it
                    }
                    let file = find(src, inputs)?;
                    let js = read_text(&file)?;
                    if tag.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("module")) {
                        check_module(&js, &file)?;
                        if !glue_done {
                            out.push_str(&glue_block(inputs)?);
                            glue_done = true;
                        }
                        out.push_str("<script type=\"module\">\n");
                        module_sources.push(js.clone());
                    } else {
                        out.push_str("<script>\n");
                    }
                    out.push_str(&raw_text(&js, "script"));
                    out.push_str("</script>");
                }
                "meta" if tag.attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-security-policy")) => {
                    warnings
                        .push("the page's Content-Security-Policy is dropped: the bundle runs inline scripts".into());
                }
                "verbatim-search" => {
                    elements += 1;
                    let set = [("index", Some("#verbatim-index")), ("wasm", Some("#verbatim-wasm"))];
                    out.push_str(&tag.with_attrs(&set, &["offline"]));
                }
                "/body" => {
                    body_end = Some(out.len());
                    out.push_str(tag.source);
                }
                _ => {
                    for (name, value) in &tag.attrs {
                        if matches!(name.as_str(), "src" | "href" | "poster" | "srcset")
                            && let Some(value) = value
                            && is_local(value)
                            && !value.starts_with('#')
                        {
                            warnings.push(format!("<{} {name}=\"{value}\"> points at a local file", tag.name));
                        }
                    }
                    out.push_str(tag.source);
                }
            },
        }
    }
    if elements == 0 {
        bail!("the page has no <verbatim-search> element");
    }
    let mut tail = String::new();
    tail.push_str(&data_block("verbatim-index", inputs.index));
    tail.push_str(&data_block("verbatim-wasm", inputs.wasm));
    if !glue_done {
        // The page loads no module: bring the element from pkg/.
        let file = inputs.pkg.join(ELEMENT);
        let js = read_text(&file)?;
        check_module(&js, &file)?;
        tail.push_str(&glue_block(inputs)?);
        tail.push_str("<script type=\"module\">\n");
        tail.push_str(&raw_text(&js, "script"));
        tail.push_str("</script>\n");
        module_sources.push(js);
    }
    match body_end {
        Some(at) => out.insert_str(at, &tail),
        None => out.push_str(&tail),
    }
    if !module_sources.iter().any(|js| js.contains("__verbatimGlue")) {
        bail!(
            "the element never reads globalThis.__verbatimGlue: from file:// it could not load the glue \
             (see the single-file contract: loadGlue() must use globalThis.__verbatimGlue when it is set)"
        );
    }
    if inputs.element_css.is_some() && !module_sources.iter().any(|js| js.contains("__verbatimCss")) {
        warnings.push(format!(
            "{ELEMENT_CSS} is inlined as globalThis.__verbatimCss, but the element never reads it: it may load unstyled"
        ));
    }
    Ok((out, warnings))
}

/// The first inline module: the element's CSS text (if any) and the glue,
/// its exports gathered into `globalThis.__verbatimGlue`.
fn glue_block(inputs: &Inputs) -> Result<String> {
    let mut js = String::new();
    if let Some(css) = &inputs.element_css {
        // serde_json leaves "<" alone; as \u003c it cannot close the script.
        let text = serde_json::to_string(css)?.replace('<', "\\u003c");
        js.push_str(&format!("globalThis.__verbatimCss = {text};\n"));
    }
    js.push_str(&glue_module(inputs.glue).with_context(|| format!("{}", inputs.pkg.join(GLUE).display()))?);
    Ok(format!("<script type=\"module\">\n{}</script>\n", raw_text(&js, "script")))
}

/// Rewrites the wasm-bindgen glue (`--target web`) from an ES module with
/// exports into one that sets `globalThis.__verbatimGlue` instead. The glue is
/// read as JavaScript tokens, so the exports are found wherever they stand (at
/// line starts as wasm-bindgen writes them, or mid-line as a minifier leaves
/// them, e.g. `…}export{F as initSync,U as default};`), and never inside a
/// string, template, regular expression or comment: `export class X`,
/// `export function f`, `export const a = …, b = …`, `export { a, b as c }`,
/// `export default f` / `export default function f`.
fn glue_module(src: &str) -> Result<String> {
    let tokens = js_tokens(src).context("cannot read it as JavaScript")?;
    let mut names: Vec<(String, String)> = Vec::new();
    // Byte ranges of `src` replaced by a text, in order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let t = &tokens[k];
        if !is_statement_keyword(&tokens, k, "import") && !is_statement_keyword(&tokens, k, "export") {
            k += 1;
            continue;
        }
        let line = line_of(src, t.start);
        let here = snippet(src, t.start);
        if t.text == "import" {
            if is_static_import_at(&tokens, k) {
                bail!("line {line}: static import \"{here}\": the glue must be self-contained");
            }
            k += 1;
            continue;
        }
        let Some(next) = tokens.get(k + 1) else {
            bail!("line {line}: \"export\" ends the file");
        };
        match (next.kind, next.text) {
            (JsKind::Punct, "{") => {
                // The list's tokens are one bracket deep: the first top-level token after it closes it.
                let close = (k + 2..tokens.len())
                    .find(|&j| tokens[j].depth == 0)
                    .ok_or_else(|| anyhow!("line {line}: the export list \"{here}\" is not closed"))?;
                export_list(&tokens[k + 2..close], &mut names)
                    .with_context(|| format!("line {line}: malformed export list \"{here}\""))?;
                let mut end = tokens[close].end();
                match tokens.get(close + 1) {
                    Some(from) if from.is(JsKind::Ident, "from") => {
                        bail!("line {line}: re-exports are not supported: \"{here}\"")
                    }
                    Some(semicolon) if semicolon.is(JsKind::Punct, ";") => end = semicolon.end(),
                    _ => {}
                }
                // Line breaks stay, so the lines after keep their numbers.
                let breaks = slice(src, t.start, end)?.matches('\n').count();
                edits.push((t.start, end, "\n".repeat(breaks)));
                k = close + 1;
                continue;
            }
            (JsKind::Punct, "*") => bail!("line {line}: re-exports are not supported: \"{here}\""),
            (JsKind::Ident, "default") => {
                let decl = tokens.get(k + 2).ok_or_else(|| anyhow!("line {line}: \"{here}\" exports nothing"))?;
                match declaration_head(&tokens, k + 2) {
                    Some((_, Some(name))) => {
                        edits.push((t.start, decl.start, String::new()));
                        names.push(("default".into(), name));
                    }
                    Some((last, None)) => {
                        // `export default function () {}`: named, so that it is a declaration still.
                        let head = slice(src, decl.start, tokens[last].end())?;
                        edits.push((t.start, tokens[last].end(), format!("{head} __verbatim_default")));
                        names.push(("default".into(), "__verbatim_default".into()));
                    }
                    None => {
                        edits.push((t.start, decl.start, "const __verbatim_default = ".into()));
                        names.push(("default".into(), "__verbatim_default".into()));
                    }
                }
            }
            (JsKind::Ident, "function" | "class" | "async") => {
                let Some((_, Some(name))) = declaration_head(&tokens, k + 1) else {
                    bail!("line {line}: unsupported export \"{here}\"");
                };
                edits.push((t.start, next.start, String::new()));
                names.push((name.clone(), name));
            }
            (JsKind::Ident, "const" | "let" | "var") => {
                edits.push((t.start, next.start, String::new()));
                for name in declared_names(&tokens, k + 1).with_context(|| format!("line {line}: \"{here}\""))? {
                    names.push((name.clone(), name));
                }
            }
            _ => bail!("line {line}: unsupported export \"{here}\""),
        }
        k += 1;
    }
    for needed in ["default", "Engine"] {
        if !names.iter().any(|(exported, _)| exported == needed) {
            bail!("no \"{needed}\" export: is this wasm-bindgen --target web output?");
        }
    }
    let mut body = String::with_capacity(src.len() + 256);
    let mut at = 0;
    for (start, end, text) in &edits {
        body.push_str(slice(src, at, *start)?);
        body.push_str(text);
        at = *end;
    }
    body.push_str(slice(src, at, src.len())?);
    let mut seen = std::collections::BTreeSet::new();
    let entries: Vec<String> = names
        .iter()
        .filter(|(exported, _)| seen.insert(exported.clone()))
        .map(|(exported, local)| {
            let key = if is_identifier(exported) { exported.clone() } else { serde_json::json!(exported).to_string() };
            format!("{key}: {local}")
        })
        .collect();
    if !body.ends_with('\n') {
        body.push('\n');
    }
    body.push_str(&format!("globalThis.__verbatimGlue = Object.freeze({{ {} }});\n", entries.join(", ")));
    Ok(body)
}

/// The tokens between `export {` and `}`: `a, b as c, d as 'e'` → (a, a), (c, b), (e, d).
fn export_list(list: &[JsToken], names: &mut Vec<(String, String)>) -> Result<()> {
    for item in list.split(|t| t.is(JsKind::Punct, ",")) {
        let (local, exported) = match item {
            [] => continue,
            [local] => (local, local.text.to_string()),
            [local, r#as, exported] if r#as.is(JsKind::Ident, "as") => {
                let name = match exported.kind {
                    JsKind::Ident => exported.text.to_string(),
                    JsKind::Str => exported.text.get(1..exported.text.len() - 1).unwrap_or_default().to_string(),
                    _ => bail!("malformed export name {}", exported.text),
                };
                (local, name)
            }
            _ => bail!("malformed export \"{}\"", item.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")),
        };
        if local.kind != JsKind::Ident || !is_identifier(local.text) {
            bail!("malformed export \"{}\"", local.text);
        }
        names.push((exported, local.text.to_string()));
    }
    Ok(())
}

/// A function or class declaration starting at token `at` (`function`, `function*`,
/// `async function`, `class`): the index of its last keyword token, and its name if it has one.
fn declaration_head(tokens: &[JsToken], at: usize) -> Option<(usize, Option<String>)> {
    let mut j = at;
    if tokens.get(j)?.is(JsKind::Ident, "async") {
        j += 1;
        if !tokens.get(j)?.is(JsKind::Ident, "function") {
            return None;
        }
    }
    let keyword = tokens.get(j)?;
    if keyword.is(JsKind::Ident, "function") {
        if tokens.get(j + 1).is_some_and(|t| t.is(JsKind::Punct, "*")) {
            j += 1;
        }
    } else if !keyword.is(JsKind::Ident, "class") {
        return None;
    }
    let name = tokens
        .get(j + 1)
        .filter(|t| t.kind == JsKind::Ident && t.text != "extends" && is_identifier(t.text))
        .map(|t| t.text.to_string());
    Some((j, name))
}

/// The names a `const`/`let`/`var` statement at token `at` declares: `const a = 1, b = f(x, y);`.
fn declared_names(tokens: &[JsToken], at: usize) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let mut j = at + 1;
    loop {
        let name = tokens.get(j).ok_or_else(|| anyhow!("a declaration without a name"))?;
        if name.kind != JsKind::Ident || !is_identifier(name.text) {
            bail!("unsupported declaration (destructuring?) at \"{}\"", name.text);
        }
        names.push(name.text.to_string());
        j += 1;
        // On to the next declarator, or the end of the statement.
        loop {
            let Some(t) = tokens.get(j) else {
                return Ok(names);
            };
            if t.depth == 0 {
                if t.is(JsKind::Punct, ";") {
                    return Ok(names);
                }
                if t.is(JsKind::Punct, ",") {
                    j += 1;
                    break;
                }
                // A line break between two operands: automatic semicolon insertion ended it.
                if t.newline_before && t.kind != JsKind::Punct && ends_operand(&tokens[j - 1]) {
                    return Ok(names);
                }
            }
            j += 1;
        }
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c == '$' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c == '$' || c.is_alphanumeric())
}

/// `import x from "…"`, `import { … }`, `import "…"` (not `import(…)` nor `import.meta`):
/// the line-start test, for a module the JavaScript scanner cannot follow.
fn is_static_import(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("import") else {
        return false;
    };
    let trimmed = rest.trim_start();
    if trimmed.is_empty() || trimmed.starts_with(['(', '.']) {
        return false;
    }
    trimmed.len() < rest.len() || trimmed.starts_with(['{', '*', '"', '\''])
}

/// Token `k` is the keyword `word` at the top level, not a property (`x.export`).
fn is_statement_keyword(tokens: &[JsToken], k: usize, word: &str) -> bool {
    tokens[k].depth == 0
        && tokens[k].is(JsKind::Ident, word)
        && !(k > 0 && tokens[k - 1].kind == JsKind::Punct && matches!(tokens[k - 1].text, "." | "?."))
}

/// Token `k`, the keyword `import`, starts a static import (not `import(…)` nor `import.meta`).
fn is_static_import_at(tokens: &[JsToken], k: usize) -> bool {
    tokens.get(k + 1).is_some_and(|next| !(next.kind == JsKind::Punct && matches!(next.text, "(" | ".")))
}

/// A module that will run inline must not import files: there are none beside a single file.
fn check_module(js: &str, file: &Path) -> Result<()> {
    let found = match js_tokens(js) {
        Ok(tokens) => (0..tokens.len())
            .find(|&k| is_statement_keyword(&tokens, k, "import") && is_static_import_at(&tokens, k))
            .map(|k| tokens[k].start),
        // JavaScript this scanner cannot follow: look at line starts only.
        Err(_) => {
            let mut at = 0;
            js.split_inclusive('\n').find_map(|line| {
                let start = at + (line.len() - line.trim_start().len());
                at += line.len();
                is_static_import(line.trim_start()).then_some(start)
            })
        }
    };
    if let Some(at) = found {
        bail!(
            "{}:{}: static import \"{}\": inlined in a single file it has nothing to import from; \
             load it with a dynamic import() behind a hook instead",
            file.display(),
            line_of(js, at),
            snippet(js, at)
        );
    }
    Ok(())
}

// ---------------------------------------------------------------- a small JavaScript tokenizer

/// What a token is, as far as finding top-level `import` and `export` statements needs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum JsKind {
    /// A name or keyword (`#private` names too).
    Ident,
    Punct,
    Number,
    Str,
    /// A whole template literal, or one of its pieces around `${…}`.
    Template,
    Regex,
}

#[derive(Debug)]
struct JsToken<'a> {
    kind: JsKind,
    text: &'a str,
    /// Byte offset in the source.
    start: usize,
    /// Brackets — (), [], {}, `${` — open around the token; 0 at the top level.
    depth: usize,
    /// A line break (perhaps in a comment) separates it from the previous token.
    newline_before: bool,
}

impl JsToken<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn is(&self, kind: JsKind, text: &str) -> bool {
        self.kind == kind && self.text == text
    }
}

/// An open bracket; whether a `{` opened a block or an object decides what a `/` after its `}` means.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    Paren,
    Bracket,
    Block,
    Object,
    /// `${` in a template.
    Substitution,
}

/// Punctuators of more than one character, longest first.
const PUNCTUATORS: [&str; 33] = [
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&",
    "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>",
];

/// Keywords after which an expression starts: a `/` there opens a regular expression.
const BEFORE_EXPRESSION: [&str; 14] = [
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

/// Splits JavaScript into tokens, skipping whitespace and comments; strings,
/// templates and regular expressions are single tokens. Enough of the lexical
/// grammar to find statements, not a parser: a `/` is a regular expression where
/// an operand may start (after an operator, `(`, `,`, a keyword like `return`, a
/// block's `}`…), a division after an operand. Errors (an unclosed string, comment,
/// template or bracket) name the line.
fn js_tokens(src: &str) -> Result<Vec<JsToken<'_>>> {
    let bytes = src.as_bytes();
    let mut tokens: Vec<JsToken> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut newline = false;
    // What the last `}` closed, for a `/` right after it.
    let mut closed_block = false;
    let mut i = if src.starts_with("#!") { src.find('\n').unwrap_or(src.len()) } else { 0 };
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        // Whitespace and comments.
        if matches!(b, b'\n' | b'\r') {
            newline = true;
            i += 1;
            continue;
        }
        if matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c') {
            i += 1;
            continue;
        }
        let c = src.get(i..).and_then(|s| s.chars().next()).ok_or_else(|| anyhow!("byte {i}: not a character"))?;
        if c.is_whitespace() || c == '\u{feff}' {
            newline |= matches!(c, '\u{2028}' | '\u{2029}');
            i += c.len_utf8();
            continue;
        }
        if bytes[i..].starts_with(b"//") {
            i = bytes[i..].iter().position(|&b| matches!(b, b'\n' | b'\r')).map_or(bytes.len(), |e| i + e);
            continue;
        }
        if bytes[i..].starts_with(b"/*") {
            let end = src[i + 2..]
                .find("*/")
                .map(|e| i + 2 + e + 2)
                .ok_or_else(|| anyhow!("line {}: a comment is not closed", line_of(src, i)))?;
            newline |= src[i..end].contains(['\n', '\r', '\u{2028}', '\u{2029}']);
            i = end;
            continue;
        }
        let prev = tokens.last();
        let mut push = None;
        let kind = if b == b'\'' || b == b'"' {
            i = string_end(src, i)?;
            JsKind::Str
        } else if b == b'`' || (b == b'}' && open.last() == Some(&Open::Substitution)) {
            if b == b'}' {
                open.pop();
            }
            let (end, opens) = template_end(src, i)?;
            i = end;
            if opens {
                push = Some(Open::Substitution);
            }
            JsKind::Template
        } else if b == b'/' && regex_may_start(&tokens, closed_block) {
            i = regex_end(src, i)?;
            JsKind::Regex
        } else if c.is_ascii_digit() || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'.')) {
                i += 1;
            }
            JsKind::Number
        } else if is_ident_char(c) {
            for c in src[i..].chars() {
                if !is_ident_char(c) {
                    break;
                }
                i += c.len_utf8();
            }
            JsKind::Ident
        } else {
            let len = PUNCTUATORS.iter().find(|p| bytes[i..].starts_with(p.as_bytes())).map_or(1, |p| p.len());
            // `?.5` is `?` then `.5`.
            let len = if len == 2 && b == b'?' && bytes.get(i + 2).is_some_and(u8::is_ascii_digit) { 1 } else { len };
            i += len.max(c.len_utf8());
            match b {
                b'(' => push = Some(Open::Paren),
                b'[' => push = Some(Open::Bracket),
                b'{' => push = Some(if opens_object(prev) { Open::Object } else { Open::Block }),
                b')' | b']' | b'}' => {
                    let want: &[Open] = match b {
                        b')' => &[Open::Paren],
                        b']' => &[Open::Bracket],
                        _ => &[Open::Block, Open::Object],
                    };
                    match open.pop() {
                        Some(o) if want.contains(&o) => closed_block = o == Open::Block,
                        _ => bail!("line {}: unbalanced \"{}\"", line_of(src, start), b as char),
                    }
                }
                _ => {}
            }
            JsKind::Punct
        };
        let text = src.get(start..i).ok_or_else(|| anyhow!("byte {start}: not a character boundary"))?;
        tokens.push(JsToken { kind, text, start, depth: open.len(), newline_before: newline });
        newline = false;
        if let Some(o) = push {
            open.push(o);
        }
    }
    if let Some(o) = open.last() {
        bail!("a bracket is not closed at the end ({o:?})");
    }
    Ok(tokens)
}

/// Letters, digits, `_`, `$`, `\` (escapes), `#` (private names) and any non-ASCII character.
fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '\\' | '#') || !c.is_ascii()
}

/// Where an operand may start, so that `/` opens a regular expression rather than divides.
fn regex_may_start(tokens: &[JsToken], closed_block: bool) -> bool {
    let Some(prev) = tokens.last() else {
        return true;
    };
    match prev.kind {
        // A keyword, unless it is a property name (`x.return / 2`).
        JsKind::Ident => {
            BEFORE_EXPRESSION.contains(&prev.text)
                && !tokens
                    .len()
                    .checked_sub(2)
                    .is_some_and(|k| tokens[k].kind == JsKind::Punct && matches!(tokens[k].text, "." | "?."))
        }
        JsKind::Number | JsKind::Str | JsKind::Regex => false,
        JsKind::Template => prev.text.ends_with("${"),
        JsKind::Punct => match prev.text {
            ")" | "]" | "++" | "--" => false,
            "}" => closed_block,
            _ => true,
        },
    }
}

/// Whether a `{` after `prev` opens an object literal (an operand) rather than a block.
fn opens_object(prev: Option<&JsToken>) -> bool {
    let Some(prev) = prev else {
        return false;
    };
    match prev.kind {
        JsKind::Punct => !matches!(prev.text, ")" | "]" | "}" | ";" | "=>" | "{"),
        JsKind::Ident => BEFORE_EXPRESSION.contains(&prev.text) && !matches!(prev.text, "do" | "else"),
        JsKind::Template => prev.text.ends_with("${"),
        _ => false,
    }
}

/// Whether a token can end an operand (so a line break after it may end the statement).
fn ends_operand(t: &JsToken) -> bool {
    match t.kind {
        JsKind::Punct => matches!(t.text, ")" | "]" | "}" | "++" | "--"),
        JsKind::Template => t.text.ends_with('`'),
        _ => true,
    }
}

/// The end of the string literal whose quote is at `at`.
fn string_end(src: &str, at: usize) -> Result<usize> {
    let bytes = src.as_bytes();
    let quote = bytes[at];
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') => i += 3,
            b'\\' => i += 2,
            b'\n' | b'\r' => break,
            b if b == quote => return Ok(i + 1),
            _ => i += 1,
        }
    }
    bail!("line {}: a string is not closed", line_of(src, at))
}

/// The end of the template piece starting at `at` (its `` ` `` or the `}` of a
/// substitution), and whether it ends with `${` (a substitution opens).
fn template_end(src: &str, at: usize) -> Result<(usize, bool)> {
    let bytes = src.as_bytes();
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => return Ok((i + 1, false)),
            b'$' if bytes.get(i + 1) == Some(&b'{') => return Ok((i + 2, true)),
            _ => i += 1,
        }
    }
    bail!("line {}: a template literal is not closed", line_of(src, at))
}

/// The end of the regular expression literal whose `/` is at `at`, flags included.
fn regex_end(src: &str, at: usize) -> Result<usize> {
    let bytes = src.as_bytes();
    let mut i = at + 1;
    let mut class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' | b'\r' => break,
            b'[' => {
                class = true;
                i += 1;
            }
            b']' => {
                class = false;
                i += 1;
            }
            b'/' if !class => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                return Ok(i);
            }
            _ => i += 1,
        }
    }
    bail!("line {}: a regular expression is not closed", line_of(src, at))
}

/// The 1-based line of a byte offset.
fn line_of(src: &str, at: usize) -> usize {
    src.as_bytes()[..at.min(src.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Up to 60 characters of source from `at`, on one line, for error messages.
fn snippet(src: &str, at: usize) -> String {
    let rest = src.get(at..).unwrap_or_default();
    let line = rest.lines().next().unwrap_or_default().trim_end();
    let mut out: String = line.chars().take(60).collect();
    if out.len() < line.len() {
        out.push('…');
    }
    out
}

/// `src[start..end]`, or an error rather than a panic off a character boundary.
fn slice(src: &str, start: usize, end: usize) -> Result<&str> {
    src.get(start..end).ok_or_else(|| anyhow!("bytes {start}..{end}: not on character boundaries"))
}

/// Text safe inside a `<script>` or `<style>` element: `</script` cannot close
/// it early and `<!--` cannot switch the parser into its escaped states.
fn raw_text(text: &str, element: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let closes = after
            .strip_prefix('/')
            .is_some_and(|a| a.get(..element.len()).is_some_and(|name| name.eq_ignore_ascii_case(element)));
        if closes {
            out.push_str("<\\/");
            rest = &after[1..];
        } else if element == "script" && after.starts_with("!--") {
            out.push_str("\\x3C");
            rest = after;
        } else {
            out.push('<');
            rest = after;
        }
    }
    out.push_str(rest);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// `<script type="application/octet-stream" id="ID">BASE64</script>`
fn data_block(id: &str, bytes: &[u8]) -> String {
    format!("<script type=\"application/octet-stream\" id=\"{id}\">{}</script>\n", base64(bytes))
}

fn data_url(file: &Path) -> Result<String> {
    let mime = crate::serve::content_type(file).replace("; charset=utf-8", "");
    Ok(format!("data:{mime};base64,{}", base64(&read(file)?)))
}

/// Replaces `url(local)` in CSS by data: URLs of the files (relative to the CSS file's folder).
fn inline_css_urls(css: &str, dir: Option<&Path>, warnings: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let Some(end) = rest.find(')') else {
            break;
        };
        let raw = &rest[..end];
        let url = raw.trim().trim_matches(['"', '\'']);
        let file = dir.map_or_else(|| PathBuf::from(strip_query(url)), |d| d.join(strip_query(url)));
        if is_local(url) && !url.starts_with('#') {
            match data_url(&file) {
                Ok(data) => out.push_str(&format!("\"{data}\"")),
                Err(_) => {
                    warnings.push(format!("CSS url({url}): {} not found; left as is", file.display()));
                    out.push_str(raw);
                }
            }
        } else {
            out.push_str(raw);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A relative or root-relative URL (a file beside the page), not an absolute one.
fn is_local(url: &str) -> bool {
    let url = url.trim();
    let scheme: String =
        url.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')).collect();
    let has_scheme = !scheme.is_empty() && url[scheme.len()..].starts_with(':');
    !(has_scheme || url.starts_with("//"))
}

fn strip_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

fn file_name(url: &str) -> &str {
    strip_query(url).rsplit('/').next().unwrap_or_default()
}

/// The file a local URL of the page names: beside a given page, else by name in --pkg.
fn find(url: &str, inputs: &Inputs) -> Result<PathBuf> {
    let path = strip_query(url).trim_start_matches('/');
    let mut candidates = Vec::new();
    if let Some(base) = inputs.base {
        candidates.push(base.join(path));
    }
    candidates.push(inputs.pkg.join(file_name(url)));
    candidates.iter().find(|c| c.is_file()).cloned().ok_or_else(|| {
        anyhow!(
            "the page links {url}, but {} does not exist; build pkg/ first (make pkg) or give --pkg",
            candidates.last().map(|c| c.display().to_string()).unwrap_or_default()
        )
    })
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------- a small HTML tokenizer

enum Token<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
}

/// A start tag (name lowercase) or an end tag (name "/body"), with its source text.
/// A `<script>` or `<style>` start tag's source runs to the end of its element.
struct Tag<'a> {
    name: String,
    attrs: Vec<(String, Option<String>)>,
    source: &'a str,
    /// Source of the start tag alone.
    start: &'a str,
}

impl Tag<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    /// The start tag again with `set` attributes replaced (or added) and `drop` ones removed.
    fn with_attrs(&self, set: &[(&str, Option<&str>)], drop: &[&str]) -> String {
        let mut out = format!("<{}", self.name);
        for (name, value) in &self.attrs {
            if drop.contains(&name.as_str()) || set.iter().any(|(n, _)| n == name) {
                continue;
            }
            push_attr(&mut out, name, value.as_deref());
        }
        for (name, value) in set {
            push_attr(&mut out, name, *value);
        }
        out.push('>');
        out.push_str(&self.source[self.start.len()..]);
        out
    }
}

fn push_attr(out: &mut String, name: &str, value: Option<&str>) {
    out.push(' ');
    out.push_str(name);
    if let Some(value) = value {
        out.push_str(&format!("=\"{}\"", escape(value)));
    }
}

/// Splits HTML into text (comments, doctype included) and tags.
fn tokenize(html: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(html.len(), |e| i + 4 + e + 3);
            continue;
        }
        let is_end = bytes.get(i + 1) == Some(&b'/');
        let name_at = if is_end { i + 2 } else { i + 1 };
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let Some((tag, end)) = parse_tag(html, i, name_at, is_end) else {
            i += 1;
            continue;
        };
        if text_start < i {
            tokens.push(Token::Text(&html[text_start..i]));
        }
        tokens.push(Token::Tag(tag));
        i = end;
        text_start = end;
    }
    if text_start < html.len() {
        tokens.push(Token::Text(&html[text_start..]));
    }
    tokens
}

/// Parses the tag at `at`; returns it and the offset after it (after the whole
/// element for `<script>` and `<style>`).
fn parse_tag(html: &str, at: usize, name_at: usize, is_end: bool) -> Option<(Tag<'_>, usize)> {
    let bytes = html.as_bytes();
    let mut i = name_at;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let name = html[name_at..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                i += 1;
                break;
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
                    i += 1;
                }
                let attr = html[start..i].to_ascii_lowercase();
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = None;
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    let v = match bytes.get(i)? {
                        &q @ (b'"' | b'\'') => {
                            let end = i + 1 + html[i + 1..].find(q as char)?;
                            let v = &html[i + 1..end];
                            i = end + 1;
                            v
                        }
                        _ => {
                            let start = i;
                            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                                i += 1;
                            }
                            &html[start..i]
                        }
                    };
                    value = Some(unescape(v));
                }
                if !attr.is_empty() {
                    attrs.push((attr, value));
                }
            }
        }
    }
    let start_end = i;
    let mut end = i;
    if !is_end && (name == "script" || name == "style") {
        let close = format!("</{name}");
        let lower = html[i..].to_ascii_lowercase();
        let at_close = i + lower.find(&close)?;
        end = at_close + html[at_close..].find('>')? + 1;
    }
    let name = if is_end { format!("/{name}") } else { name };
    Some((Tag { name, attrs, source: &html[at..end], start: &html[at..start_end] }, end))
}

/// Decodes the entities `escape` writes (and `&#NN;`/`&#xNN;`).
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        for (input, expected) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")]
        {
            assert_eq!(base64(input.as_bytes()), expected);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn glue_exports_become_a_global() {
        let glue = "let wasm;\nexport class Engine {\n  free() {}\n}\nexport function helper() {}\n\
                    function __wbg_init() {}\nfunction initSync() {}\n\
                    const s = \"export { nope }\";\nexport { initSync, __wbg_init as default };\n";
        let out = glue_module(glue).unwrap();
        assert!(!out.lines().any(|l| l.starts_with("export")), "{out}");
        assert!(out.contains("class Engine {"));
        assert!(out.ends_with(
            "globalThis.__verbatimGlue = Object.freeze({ Engine: Engine, helper: helper, initSync: initSync, default: __wbg_init });\n"
        ));
        let older = "export class Engine {}\nexport default function __wbg_init() {}\nexport {\n  initSync,\n  x as 'odd-name'\n};\nfunction initSync() {}\nconst x = 1;\n";
        let out = glue_module(older).unwrap();
        assert!(out.contains("function __wbg_init() {}"));
        assert!(out.contains("default: __wbg_init"));
        assert!(out.contains("\"odd-name\": x"));
        assert!(glue_module("export class Engine {}\n").is_err());
        assert!(
            glue_module("import * as x from './snippets/a.js';\nexport class Engine {}\nexport default 1;\n").is_err()
        );
        assert!(glue_module("export * from './a.js';\nexport class Engine {}\nexport default 1;\n").is_err());
    }

    #[test]
    fn minified_glue_exports_become_a_global() {
        // esbuild --minify of wasm-bindgen's glue: one line, the loader's names shortened,
        // `export{…}` at the end; exports look-alikes in strings, templates, regexes, comments.
        let glue = "let i;export class Engine{free(){i.f(this.p)}search(e){return/export{x}/.test(e)?`${e}}export{y}`:\"a;export{z}\"}}\
                    Symbol.dispose&&(Engine.prototype[Symbol.dispose]=Engine.prototype.free);/* export{c} */\
                    function F(e){return{__proto__:null,x:e}}async function U(n){n===void 0&&(n=new URL(\"verbatim_bg.wasm\",import.meta.url));return n}\
                    export{F as initSync,U as default};";
        let out = glue_module(glue).unwrap();
        assert!(out.starts_with("let i;class Engine{free(){i.f(this.p)}"), "{out}");
        assert!(out.contains("async function U(n){"));
        assert!(out.contains("return n}\nglobalThis.__verbatimGlue"), "{out}");
        assert!(
            out.ends_with("globalThis.__verbatimGlue = Object.freeze({ Engine: Engine, initSync: F, default: U });\n")
        );
        for kept in ["/export{x}/", "`${e}}export{y}`", "\"a;export{z}\"", "/* export{c} */"] {
            assert!(out.contains(kept), "{kept} is left alone");
        }
        // Declarations mid-line, a merged `const` list, an anonymous default.
        let out = glue_module(
            "var w;export const A=Object.freeze({a:0,b:1}),B=f(1,[2,3]);export default function(n){return n}\
                              export class Engine{}",
        )
        .unwrap();
        assert!(out.starts_with("var w;const A=Object.freeze({a:0,b:1}),B=f(1,[2,3]);function __verbatim_default(n){return n}class Engine{}"), "{out}");
        assert!(out.contains("({ A: A, B: B, default: __verbatim_default, Engine: Engine })"), "{out}");
        let out =
            glue_module("export const A = 1\nexport class Engine {}\nexport default U\nfunction U() {}\n").unwrap();
        assert!(out.contains("({ A: A, Engine: Engine, default: __verbatim_default })"), "{out}");
        assert!(out.contains("const __verbatim_default = U\n"), "{out}");
        // What cannot be rewritten is refused, naming the line.
        let err =
            glue_module("export class Engine{}\nexport default 1;import*as x from\"./snippets/a.js\";").unwrap_err();
        assert!(format!("{err:#}").contains("line 2: static import"), "{err:#}");
        let err = glue_module("export class Engine{}export default 1;export{a as b}from\"./a.js\";").unwrap_err();
        assert!(format!("{err:#}").contains("re-exports are not supported"), "{err:#}");
        let err = glue_module("export class Engine{}export default 1;export const{a}=o;").unwrap_err();
        assert!(format!("{err:#}").contains("destructuring"), "{err:#}");
        let err = glue_module("export class Engine{}export default \"1;").unwrap_err();
        assert!(format!("{err:#}").contains("line 1: a string is not closed"), "{err:#}");
        assert!(glue_module("export class Engine{}export default f(;").is_err());
    }

    #[test]
    fn javascript_tokens() {
        let texts = |src: &str| -> Vec<String> { js_tokens(src).unwrap().iter().map(|t| t.text.to_string()).collect() };
        // Division or regular expression, by what comes before.
        assert_eq!(texts("a=b/c/d"), ["a", "=", "b", "/", "c", "/", "d"]);
        assert_eq!(texts("a=(b)/c/d"), ["a", "=", "(", "b", ")", "/", "c", "/", "d"]);
        assert_eq!(texts("x=/[/]\\//g.test(s)"), ["x", "=", "/[/]\\//g", ".", "test", "(", "s", ")"]);
        assert_eq!(texts("return/a/"), ["return", "/a/"]);
        assert_eq!(texts("x.return/a/b"), ["x", ".", "return", "/", "a", "/", "b"]);
        assert_eq!(
            texts("function f(){}/a/.test(s)"),
            ["function", "f", "(", ")", "{", "}", "/a/", ".", "test", "(", "s", ")"]
        );
        assert_eq!(texts("x={}/2"), ["x", "=", "{", "}", "/", "2"]);
        assert_eq!(texts("i++/2"), ["i", "++", "/", "2"]);
        assert_eq!(texts("a/=2"), ["a", "/=", "2"]);
        // Templates nest; strings and comments are skipped whole.
        assert_eq!(texts("`a${ {b:`c${d}`} }e`"), ["`a${", "{", "b", ":", "`c${", "d", "}`", "}", "}e`"]);
        assert_eq!(texts("'it\\'s' // export{x}\n\"\\\"\" /* } */ é1"), ["'it\\'s'", "\"\\\"\"", "é1"]);
        assert_eq!(texts("#!/usr/bin/env node\nx?.5:1e-3"), ["x", "?", ".5", ":", "1e", "-", "3"]);
        let tokens = js_tokens("a\n/* \n */b c").unwrap();
        assert_eq!(tokens.iter().map(|t| t.newline_before).collect::<Vec<_>>(), [false, true, false]);
        let depths: Vec<usize> = js_tokens("f({a:[1]})").unwrap().iter().map(|t| t.depth).collect();
        assert_eq!(depths, [0, 0, 1, 2, 2, 2, 3, 2, 1, 0]);
        for bad in ["'a", "`a${b", "/* a", "f(", "a)", "x=/a", "{]"] {
            assert!(js_tokens(bad).is_err(), "{bad}");
        }
    }

    /// The top-level exports of a module, as the bundler sees them.
    fn top_level_exports(src: &str) -> Vec<String> {
        let tokens = js_tokens(src).unwrap();
        (0..tokens.len())
            .filter(|&k| is_statement_keyword(&tokens, k, "export"))
            .filter_map(|k| declaration_head(&tokens, k + 1).and_then(|(_, name)| name))
            .collect()
    }

    #[test]
    fn the_shipped_javascript_tokenizes() {
        // The element as written (www/) and as shipped (pkg/, minified by scripts/build-pkg.sh),
        // and the glue: every bracket balances, and the exports are found.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |path: &str| std::fs::read_to_string(root.join(path)).ok();
        for path in ["www/verbatim-search.js", "pkg/verbatim-search.js"] {
            let Some(src) = read(path) else { continue };
            assert_eq!(top_level_exports(&src), ["loadGlue", "VerbatimSearch"], "{path}");
            check_module(&src, Path::new(path)).unwrap();
        }
        if let Some(glue) = read("pkg/verbatim.js") {
            let out = glue_module(&glue).unwrap();
            assert!(
                out.contains("Object.freeze({ Engine: Engine, initSync: "),
                "{}",
                snippet(&out, out.len().saturating_sub(120))
            );
        }
        if let Some(glue) = read("pkg/verbatim-archive.js") {
            let err = glue_module(&glue).unwrap_err();
            assert!(format!("{err:#}").contains("no \"Engine\" export"), "{err:#}");
        }
    }

    #[test]
    fn static_imports_anywhere() {
        let file = Path::new("x.js");
        let err = check_module("const a=1;import{b}from\"./b.js\";", file).unwrap_err();
        assert!(format!("{err:#}").contains("x.js:1: static import \"import{b}from\"./b.js\";\""), "{err:#}");
        let err = check_module("let a;\n  import \"./side.js\";", file).unwrap_err();
        assert!(format!("{err:#}").starts_with("x.js:2: static import"), "{err:#}");
        check_module("const g=await import(\"./verbatim.js\"),u=import.meta.url,s=\";import{x}from'y'\";", file)
            .unwrap();
        // Not JavaScript the scanner follows: line starts only.
        let err = check_module("'unclosed\nimport x from \"./x.js\";", file).unwrap_err();
        assert!(format!("{err:#}").contains("x.js:2: static import"), "{err:#}");
    }

    #[test]
    fn static_imports() {
        assert!(is_static_import("import init, { Engine } from \"./verbatim.js\";"));
        assert!(is_static_import("import \"./side.js\";"));
        assert!(is_static_import("import{a}from'./a.js'"));
        assert!(!is_static_import("import(\"./verbatim.js\")"));
        assert!(!is_static_import("import.meta.url"));
        assert!(!is_static_import("imports = 3"));
    }

    #[test]
    fn raw_text_cannot_close_its_element() {
        assert_eq!(raw_text("a = '</SCRIPT>' + '<!--';", "script"), "a = '<\\/SCRIPT>' + '\\x3C!--';\n");
        assert_eq!(raw_text("a::after { content: '</style>' }", "style"), "a::after { content: '<\\/style>' }\n");
        assert_eq!(raw_text("x < y", "script"), "x < y\n");
    }

    #[test]
    fn tags_and_attributes() {
        let html = "<!doctype html><!-- <link href=x> --><link rel=\"stylesheet\" href='pkg/page.css'>\
                    <script type=\"module\" src=\"pkg/verbatim-search.js\"></script>\
                    <p title=\"a &amp; b\">x</p><verbatim-search index=\"pkg/a.idx\" offline></verbatim-search></body>";
        let tags: Vec<Tag> = tokenize(html)
            .into_iter()
            .filter_map(|t| match t {
                Token::Tag(tag) => Some(tag),
                Token::Text(_) => None,
            })
            .collect();
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["link", "script", "p", "/p", "verbatim-search", "/verbatim-search", "/body"]);
        assert_eq!(tags[0].attr("href"), Some("pkg/page.css"));
        assert_eq!(tags[1].source, "<script type=\"module\" src=\"pkg/verbatim-search.js\"></script>");
        assert_eq!(tags[2].attr("title"), Some("a & b"));
        assert_eq!(
            tags[4].with_attrs(&[("index", Some("#verbatim-index")), ("wasm", Some("#verbatim-wasm"))], &["offline"]),
            "<verbatim-search index=\"#verbatim-index\" wasm=\"#verbatim-wasm\">"
        );
    }

    #[test]
    fn locality() {
        assert!(is_local("pkg/page.css"));
        assert!(is_local("/pkg/page.css"));
        assert!(is_local("#p3"));
        assert!(!is_local("https://press.un.org/x"));
        assert!(!is_local("//cdn.example/x.js"));
        assert!(!is_local("data:image/png;base64,AAAA"));
    }
}
