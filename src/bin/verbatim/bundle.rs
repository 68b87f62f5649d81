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
/// exports into one that sets `globalThis.__verbatimGlue` instead. Exports
/// are top-level statements at the start of a line: `export class X`,
/// `export function f`, `export const c`, `export { a, b as c }` (one or more
/// lines), `export default f` / `export default function f`.
fn glue_module(src: &str) -> Result<String> {
    let mut body = String::with_capacity(src.len() + 256);
    let mut names: Vec<(String, String)> = Vec::new();
    let mut pending: Option<String> = None;
    for line in src.split_inclusive('\n') {
        if let Some(list) = &mut pending {
            list.push_str(line);
            if line.contains('}') {
                export_list(list, &mut names)?;
                pending = None;
            }
            body.push('\n');
            continue;
        }
        if line.starts_with("import") && is_static_import(line) {
            bail!("static import on line \"{}\": the glue must be self-contained", line.trim());
        }
        let Some(rest) = line.strip_prefix("export") else {
            body.push_str(line);
            continue;
        };
        if !rest.starts_with([' ', '{', '\t']) {
            body.push_str(line);
            continue;
        }
        let rest = rest.trim_start();
        if rest.starts_with('{') {
            if rest.contains('}') {
                export_list(rest, &mut names)?;
            } else {
                pending = Some(rest.to_string());
            }
            body.push('\n');
        } else if let Some(default) = rest.strip_prefix("default ") {
            let default = default.trim_start();
            match declared_name(default) {
                Some(name) => {
                    names.push(("default".into(), name));
                    body.push_str(default);
                }
                None => {
                    names.push(("default".into(), "__verbatim_default".into()));
                    body.push_str("const __verbatim_default = ");
                    body.push_str(default);
                }
            }
        } else if let Some(name) = declared_name(rest) {
            names.push((name.clone(), name));
            body.push_str(rest);
        } else {
            bail!("unsupported export \"{}\"", line.trim());
        }
    }
    if pending.is_some() {
        bail!("an export list is not closed");
    }
    for needed in ["default", "Engine"] {
        if !names.iter().any(|(exported, _)| exported == needed) {
            bail!("no \"{needed}\" export: is this wasm-bindgen --target web output?");
        }
    }
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

/// `{ a, b as c, d as 'e' }` → (a, a), (c, b), (e, d).
fn export_list(list: &str, names: &mut Vec<(String, String)>) -> Result<()> {
    let (inner, after) = list
        .trim_start()
        .strip_prefix('{')
        .and_then(|l| l.split_once('}'))
        .ok_or_else(|| anyhow!("malformed export list \"{}\"", list.trim()))?;
    let after = after.trim();
    if !(after.is_empty() || after == ";") {
        bail!("re-exports are not supported: \"{}\"", list.trim());
    }
    for item in inner.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let (local, exported) = match item.split_once(" as ") {
            Some((local, exported)) => (local.trim(), exported.trim().trim_matches(['\'', '"'])),
            None => (item, item),
        };
        if !is_identifier(local) {
            bail!("malformed export \"{item}\"");
        }
        names.push((exported.to_string(), local.to_string()));
    }
    Ok(())
}

/// The name a declaration introduces: `class X`, `function f`, `async function* g`, `const c =`.
fn declared_name(decl: &str) -> Option<String> {
    let decl = decl.strip_prefix("async ").map_or(decl, str::trim_start);
    let rest = ["function", "class", "const", "let", "var"]
        .iter()
        .find_map(|kw| decl.strip_prefix(kw).filter(|r| r.starts_with([' ', '*', '\t'])))?;
    let rest = rest.trim_start().trim_start_matches('*').trim_start();
    let name: String = rest.chars().take_while(|&c| c == '_' || c == '$' || c.is_alphanumeric()).collect();
    is_identifier(&name).then_some(name)
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c == '$' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c == '$' || c.is_alphanumeric())
}

/// `import x from "…"`, `import { … }`, `import "…"` (not `import(…)` nor `import.meta`).
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

/// A module that will run inline must not import files: there are none beside a single file.
fn check_module(js: &str, file: &Path) -> Result<()> {
    for (i, line) in js.lines().enumerate() {
        let line = line.trim_start();
        if line.starts_with("import") && is_static_import(line) {
            bail!(
                "{}:{}: static import \"{}\": inlined in a single file it has nothing to import from; \
                 load it with a dynamic import() behind a hook instead",
                file.display(),
                i + 1,
                line.trim()
            );
        }
    }
    Ok(())
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
