#![cfg(feature = "cli")]
//! The site commands end to end, through the built binary: `verbatim page`
//! (hostile text escaped, anchors = hit numbers, headings first, deterministic),
//! `verbatim serve` (types, no-cache, no way out of --dir) and `verbatim bundle`
//! (one file, nothing fetched; stand-in glue, wasm and element so it runs
//! without a wasm build).

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use verbatim::index::decode;

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A fresh folder under the system temp folder, removed at the end.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("verbatim-cli-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the CLI; panics with its stderr unless it succeeds. Returns stdout.
fn verbatim<S: AsRef<OsStr>>(args: &[S]) -> String {
    let out = Command::new(BIN).args(args).current_dir(ROOT).output().expect("the verbatim binary runs");
    assert!(
        out.status.success(),
        "verbatim {:?} failed:\n{}",
        args.iter().map(|a| a.as_ref().to_string_lossy().into_owned()).collect::<Vec<_>>(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs the CLI expecting failure; returns stderr.
fn verbatim_fails<S: AsRef<OsStr>>(args: &[S]) -> String {
    let out = Command::new(BIN).args(args).current_dir(ROOT).output().expect("the verbatim binary runs");
    assert!(!out.status.success(), "verbatim should have failed; stdout:\n{}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

fn index_records(inputs: &[&Path], output: &Path) {
    let mut args: Vec<&OsStr> = vec![OsStr::new("index")];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.extend([OsStr::new("-o"), output.as_os_str()]);
    verbatim(&args);
}

fn page(index: &Path, output: &Path) -> String {
    verbatim(&[OsStr::new("page"), OsStr::new("--index"), index.as_os_str(), OsStr::new("-o"), output.as_os_str()]);
    std::fs::read_to_string(output).unwrap()
}

/// Names of the tags in the page, in order ("p", "/p", "!doctype"…).
fn tag_names(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|rest| {
            rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '!' | '-')).collect::<String>()
        })
        .map(|n| n.to_ascii_lowercase())
        .collect()
}

const HOSTILE: &str = r#"{"id":"h1","title":"<script>alert(1)</script> Débat","speaker":"Mme \"X\" <b>onclick=alert(1)</b>","url":"javascript:alert(1)","text":"Bonjour <script>alert(1)</script> puis <img src=x onerror=alert(1)> et javascript:alert(1) ainsi que fichier\u202egpj.exe fin"}
{"id":"h2","title":"<script>alert(1)</script> Débat","text":"Suite ' & \" <iframe src=//evil.example></iframe> </p><p id=p1>faux"}
{"id":"h3","title":"Autre section","text":"Texte <svg onload=alert(1)> <style>body{display:none}</style>"}
"#;

#[test]
fn page_escapes_hostile_text() {
    let tmp = TempDir::new("hostile");
    let corpus = tmp.join("hostile.jsonl");
    std::fs::write(&corpus, HOSTILE).unwrap();
    let idx = tmp.join("hostile.idx");
    index_records(&[&corpus], &idx);
    let html = page(&idx, &tmp.join("index.html"));

    // Only the page's own tags: nothing from the text became markup.
    let allowed = [
        "!doctype",
        "html",
        "/html",
        "head",
        "/head",
        "meta",
        "title",
        "/title",
        "link",
        "script",
        "/script",
        "body",
        "/body",
        "header",
        "/header",
        "verbatim-search",
        "/verbatim-search",
        "main",
        "/main",
        "article",
        "/article",
        "p",
        "/p",
        "h1",
        "/h1",
        "h2",
        "/h2",
        "footer",
        "/footer",
    ];
    for name in tag_names(&html) {
        assert!(allowed.contains(&name.as_str()), "unexpected tag <{name}> in:\n{html}");
    }
    assert_eq!(html.matches("<script").count(), 1, "only the element's module script:\n{html}");
    assert!(html.contains("<script type=\"module\" src=\"pkg/verbatim-search.js\"></script>"));
    for absent in ["<img", "<iframe", "<svg", "<style", "<b>", "style=", "javascript:alert(1)\"", "href=\"javascript"] {
        assert!(!html.contains(absent), "{absent} in:\n{html}");
    }
    assert!(html.contains("Bonjour &lt;script&gt;alert(1)&lt;/script&gt; puis &lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Suite &#39; &amp; &quot; &lt;iframe"));
    assert!(html.contains("data-speaker=\"Mme &quot;X&quot; &lt;b&gt;onclick=alert(1)&lt;/b&gt;\""));
    assert!(!html.contains('\u{202E}'), "the bidi override is dropped");
    assert!(html.contains("fichiergpj.exe"));
    // The hostile URL is not a link; nothing but the page's own attributes carry URLs.
    assert!(!html.contains("<a "), "no link for a javascript: source:\n{html}");

    // Every passage has its anchor, exactly once; the fake one stays text.
    for n in 1..=3 {
        assert_eq!(html.matches(&format!("<p id=\"p{n}\" class=\"passage\"")).count(), 1, "p{n}");
    }
    assert_eq!(html.matches("id=\"p1\"").count(), 1);
    assert_eq!(html.matches("<p id=").count(), 3);

    // Headings come before the first paragraph of their section, once per run of it.
    let h_debat = html.find("<h2 id=\"s-1\">&lt;script&gt;alert(1)&lt;/script&gt; Débat</h2>").expect("first heading");
    let h_autre = html.find("<h2 id=\"s-2\">Autre section</h2>").expect("second heading");
    let p = |n: u32| html.find(&format!("id=\"p{n}\"")).unwrap();
    assert!(h_debat < p(1) && p(1) < p(2) && p(2) < h_autre && h_autre < p(3));
    assert_eq!(html.matches("<h2").count(), 2);

    // Deterministic, written whole (no temporary file left beside it).
    let again = page(&idx, &tmp.join("again.html"));
    assert_eq!(html, again);
    let mut left: Vec<String> =
        std::fs::read_dir(&tmp.0).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["again.html", "hostile.idx", "hostile.jsonl", "index.html"]);
}

#[test]
fn page_of_the_shipped_record() {
    let tmp = TempDir::new("record");
    let idx = tmp.join("AG12734-fr.idx");
    index_records(&[Path::new("records/AG12734-fr.txt")], &idx);
    let html = page(&idx, &tmp.join("index.html"));
    let data = decode(&std::fs::read(&idx).unwrap()).unwrap();

    assert!(html.starts_with("<!doctype html>\n<html lang=\"fr\">"));
    assert!(html.contains("<verbatim-search index=\"pkg/AG12734-fr.idx\" offline></verbatim-search>"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"pkg/page.css\">"));
    assert!(html.contains("<link rel=\"manifest\" href=\"manifest.webmanifest\">"));
    assert!(html.contains("<link rel=\"icon\" href=\"pkg/icon.svg\" type=\"image/svg+xml\">"));
    assert!(html.contains("<article id=\"record\" lang=\"fr\" data-symbol=\"AG/12734\">"));
    assert!(html.contains(
        "<p class=\"record-meta\">Quatre-vingtième session · 48e séance plénière – matin &amp; après-midi · AG/12734 · \
         <time datetime=\"2025-11-24\">24 novembre 2025</time></p>"
    ));
    assert!(html.contains("<h1>L’Assemblée générale adopte la Déclaration politique de 2025"));
    assert!(html.contains(
        "Source : <a href=\"https://press.un.org/fr/2025/ag12734.doc.htm\">ONU, Couverture des réunions et \
         communiqués de presse</a>"
    ));
    assert!(!html.contains("<style") && !html.contains("style=") && html.matches("<script").count() == 1);

    // Anchors are the hit numbers; each heading sits right before its section's first paragraph.
    let mut last = 0;
    let mut section = None;
    for passage in &data.passages {
        let at = html.find(&format!("<p id=\"p{}\" class=\"passage\"", passage.number)).expect("anchor");
        assert!(at > last, "paragraphs in order");
        if passage.section != section {
            section = passage.section;
            if let Some(s) = section {
                let heading = data.sections[s as usize].replace('\'', "&#39;");
                let h = html[last..at].find(&format!(">{heading}</h2>\n"));
                assert!(h.is_some(), "heading {heading:?} before p{}", passage.number);
            }
        }
        if let Some(&s) = passage.speakers.first() {
            let speaker = &data.speakers[s as usize].name;
            assert!(
                html[at..].starts_with(&format!(
                    "<p id=\"p{}\" class=\"passage\" data-speaker=\"{speaker}\">",
                    passage.number
                ))
            );
        }
        last = at;
    }
    assert_eq!(html.matches("class=\"passage\"").count(), data.passages.len());
}

#[test]
fn page_of_several_records_keeps_ids_unique() {
    let tmp = TempDir::new("several");
    let a = tmp.join("a.jsonl");
    let b = tmp.join("b.jsonl");
    std::fs::write(&a, "{\"id\":\"a1\",\"text\":\"Premier texte.\"}\n{\"id\":\"a2\",\"text\":\"Deuxième.\"}\n")
        .unwrap();
    std::fs::write(&b, "{\"id\":\"b1\",\"text\":\"Autre document.\",\"url\":\"https://example.org/b\"}\n").unwrap();
    let idx = tmp.join("ab.idx");
    index_records(&[&a, &b], &idx);
    let html = page(&idx, &tmp.join("index.html"));
    assert_eq!(html.matches("<article").count(), 2);
    assert!(html.contains("<article id=\"record\" lang=\"fr\" data-symbol=\"a\">"));
    assert!(html.contains("<article id=\"record-2\" lang=\"fr\" data-symbol=\"b\" data-anchor-prefix=\"b-\">"));
    assert_eq!(html.matches("id=\"p1\"").count(), 1);
    assert!(html.contains("<p id=\"b-p1\" class=\"passage\">Autre document.</p>"));
    assert!(html.contains("Source : <a href=\"https://example.org/b\">https://example.org/b</a>"));
}

// ---------------------------------------------------------------- serve

/// Kills the server when the test ends, also on a failed assertion.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn request(addr: &str, method: &str, target: &str) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: cli_site\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    assert!(status_line.starts_with("HTTP/1.1 "), "{status_line}");
    let status = status_line[9..12].parse().unwrap();
    let headers = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_string(), v.trim().to_string())
        })
        .collect();
    Response { status, headers, body: raw[split + 4..].to_vec() }
}

#[test]
fn serve_answers_with_types_and_refuses_traversal() {
    let tmp = TempDir::new("serve");
    let site = tmp.join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let index_html = "<!doctype html><title>Verbatim</title>\n";
    let wasm = b"\0asm\x01\0\0\0 stand-in";
    std::fs::write(site.join("index.html"), index_html).unwrap();
    std::fs::write(site.join("pkg/verbatim_bg.wasm"), wasm).unwrap();
    std::fs::write(site.join("pkg/verbatim.js"), "export default 1;\n").unwrap();
    std::fs::write(site.join("pkg/AG12734-fr.idx"), b"VRBT").unwrap();
    std::fs::write(site.join("manifest.webmanifest"), "{}").unwrap();
    std::fs::write(site.join(".secret"), "hidden").unwrap();
    // Beside the served folder: what a traversal would reach.
    std::fs::write(tmp.join("Cargo.toml"), "secret = true\n").unwrap();

    let child = Command::new(BIN)
        .args([OsStr::new("serve"), OsStr::new("--dir"), site.as_os_str(), OsStr::new("--port"), OsStr::new("0")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let real = site.canonicalize().unwrap();
    let prefix = format!("Verbatim is serving {} at http://127.0.0.1:", real.display());
    assert!(line.starts_with(&prefix) && line.ends_with("/\n"), "{line:?}");
    let port: u16 = line[prefix.len()..line.len() - 2].parse().expect("a port number");
    assert_ne!(port, 0);
    let addr = format!("127.0.0.1:{port}");

    let r = request(&addr, "GET", "/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("Cache-Control"), Some("no-cache"));
    assert_eq!(r.body, index_html.as_bytes());

    let r = request(&addr, "GET", "/pkg/verbatim_bg.wasm");
    assert_eq!((r.status, r.header("Content-Type")), (200, Some("application/wasm")));
    assert_eq!(r.body, wasm);
    let r = request(&addr, "GET", "/pkg/verbatim.js?v=2#x");
    assert_eq!((r.status, r.header("Content-Type")), (200, Some("text/javascript; charset=utf-8")));
    let r = request(&addr, "GET", "/manifest.webmanifest");
    assert_eq!(r.header("Content-Type"), Some("application/manifest+json"));
    let r = request(&addr, "GET", "/pkg/AG12734-fr.idx");
    assert_eq!(r.header("Content-Type"), Some("application/octet-stream"));

    let r = request(&addr, "HEAD", "/index.html");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Length"), Some(index_html.len().to_string().as_str()));
    assert!(r.body.is_empty());

    for target in
        ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/pkg/..%2f..%2fCargo.toml", "/pkg/%2E%2E/../Cargo.toml", "/.secret"]
    {
        let r = request(&addr, "GET", target);
        assert!(matches!(r.status, 400 | 404), "{target}: {}", r.status);
        let body = String::from_utf8_lossy(&r.body);
        assert!(!body.contains("secret = true") && !body.contains("hidden"), "{target}: {body}");
    }

    let r = request(&addr, "GET", "/pkg/missing.js");
    assert_eq!(r.status, 404);
    let body = String::from_utf8(r.body).unwrap();
    assert!(body.contains("/pkg/missing.js") && body.contains(&real.display().to_string()), "{body}");

    let r = request(&addr, "POST", "/");
    assert_eq!((r.status, r.header("Allow")), (405, Some("GET, HEAD")));
    let r = request(&addr, "GET", "/pkg");
    assert_eq!((r.status, r.header("Location")), (301, Some("/pkg/")));
}

// ---------------------------------------------------------------- bundle

/// Standard base64, to compare with the inlined blocks.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            out.push(if i <= c.len() { A[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

/// wasm-bindgen 0.2.130 `--target web` shape: `export class`, and the loader's
/// `export { initSync, __wbg_init as default };` at the end.
const GLUE: &str = r#"let wasm;
export class Engine {
    constructor(bytes) { this.size = bytes.length; }
    search(query) { return { query, total: 0, hits: [] }; }
}
async function __wbg_init(module_or_path) {
    if (module_or_path === undefined) {
        module_or_path = new URL('verbatim_bg.wasm', import.meta.url);
    }
    return {};
}
function initSync(module) { return {}; }
export { initSync, __wbg_init as default };
"#;

const ELEMENT: &str = r#"// Stand-in for www/verbatim-search.js.
function loadGlue() {
    return globalThis.__verbatimGlue ? Promise.resolve(globalThis.__verbatimGlue) : import("./verbatim.js");
}
const CSS = globalThis.__verbatimCss ?? null;
const template = "<p>no results</p></script><!--<script>";
class VerbatimSearch extends HTMLElement {
    async connectedCallback() { const glue = await loadGlue(); this.glue = glue; }
}
customElements.define("verbatim-search", VerbatimSearch);
export { VerbatimSearch };
"#;

fn stand_in_pkg(pkg: &Path) {
    std::fs::create_dir_all(pkg).unwrap();
    std::fs::write(pkg.join("verbatim.js"), GLUE).unwrap();
    std::fs::write(pkg.join("verbatim_bg.wasm"), b"\0asm\x01\0\0\0\x00\xff\xfe stand-in module").unwrap();
    std::fs::write(pkg.join("verbatim-search.js"), ELEMENT).unwrap();
    std::fs::write(
        pkg.join("page.css"),
        "body { max-width: 40em; }\nheader { background: url(icon.svg) no-repeat; }\n",
    )
    .unwrap();
    std::fs::write(pkg.join("icon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    std::fs::write(pkg.join("verbatim-search.css"), ":host { display: block; }\n/* </style></script> */\n").unwrap();
}

/// Every src= and href= value: none may name a local file.
fn assert_fetches_nothing(html: &str) {
    for attr in ["src=", "href="] {
        for (at, _) in html.match_indices(attr) {
            let value = html[at + attr.len()..].trim_start_matches(['"', '\'']);
            assert!(
                ["https://", "http://", "data:", "#"].iter().any(|ok| value.starts_with(ok)),
                "a local reference: {}",
                &html[at..(at + 80).min(html.len())]
            );
        }
    }
}

#[test]
fn bundle_writes_one_self_contained_file() {
    let tmp = TempDir::new("bundle");
    let pkg = tmp.join("pkg");
    stand_in_pkg(&pkg);
    let idx = pkg.join("AG12734-fr.idx");
    index_records(&[Path::new("records")], &idx);
    let out = tmp.join("verbatim.html");
    let printed = verbatim(&[
        OsStr::new("bundle"),
        OsStr::new("--single-file"),
        out.as_os_str(),
        OsStr::new("--pkg"),
        pkg.as_os_str(),
    ]);
    assert!(printed.contains("bytes") && printed.contains("gzip"), "{printed}");
    let html = std::fs::read_to_string(&out).unwrap();

    let index_bytes = std::fs::read(&idx).unwrap();
    let wasm_bytes = std::fs::read(pkg.join("verbatim_bg.wasm")).unwrap();
    assert!(html.contains(&format!(
        "<script type=\"application/octet-stream\" id=\"verbatim-index\">{}</script>",
        base64(&index_bytes)
    )));
    assert!(html.contains(&format!(
        "<script type=\"application/octet-stream\" id=\"verbatim-wasm\">{}</script>",
        base64(&wasm_bytes)
    )));
    assert!(html.contains("<verbatim-search index=\"#verbatim-index\" wasm=\"#verbatim-wasm\"></verbatim-search>"));
    assert_fetches_nothing(&html);
    assert!(!html.contains("rel=\"manifest\"") && !html.contains(" offline"), "no manifest, no service worker");
    assert_eq!(html.matches("<link").count(), 1, "only the icon, as a data: URL");
    assert!(html.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:image/svg+xml;base64,"));

    // The glue runs first and hands its exports over; the element follows, intact.
    let glue_at = html
        .find("globalThis.__verbatimGlue = Object.freeze({ Engine: Engine, initSync: initSync, default: __wbg_init });")
        .expect("the glue's exports as a global");
    let element_at = html.find("function loadGlue()").expect("the element inlined");
    assert!(glue_at < element_at);
    assert!(!html.lines().any(|l| l.starts_with("export {") && l.contains("__wbg_init")));
    assert!(html.contains("export { VerbatimSearch };"), "the element is left as written");
    // Stylesheets are inline, their url()s data: URLs; the element's CSS is handed over as text.
    assert!(html.contains("<style>body { max-width: 40em; }\nheader { background: url(\"data:image/svg+xml;base64,"));
    assert!(html.contains(
        "globalThis.__verbatimCss = \":host { display: block; }\\n/* \\u003c/style>\\u003c/script> */\\n\";"
    ));
    // Script text cannot end its element early: every <script opens one element that one </script> closes.
    assert!(html.contains("</p><\\/script>\\x3C!--<script>\";"));
    assert_eq!(
        html.matches("<script").count() - html.matches("\\x3C!--<script").count(),
        html.matches("</script>").count()
    );
    // The page is the record page, anchors included.
    for n in 1..=35 {
        assert!(html.contains(&format!("<p id=\"p{n}\" class=\"passage\"")), "p{n}");
    }

    // Same inputs, same bytes; and from a given page (links resolved beside it).
    let again = tmp.join("again.html");
    verbatim(&[
        OsStr::new("bundle"),
        OsStr::new("--single-file"),
        again.as_os_str(),
        OsStr::new("--pkg"),
        pkg.as_os_str(),
    ]);
    assert_eq!(html, std::fs::read_to_string(&again).unwrap());
    let page_path = tmp.join("index.html");
    page(&idx, &page_path);
    let from_page = tmp.join("from-page.html");
    verbatim(&[
        OsStr::new("bundle"),
        OsStr::new("--single-file"),
        from_page.as_os_str(),
        OsStr::new("--index"),
        idx.as_os_str(),
        OsStr::new("--pkg"),
        pkg.as_os_str(),
        OsStr::new("--page"),
        page_path.as_os_str(),
    ]);
    assert_eq!(html, std::fs::read_to_string(&from_page).unwrap());
}

/// The same stand-ins as scripts/build-pkg.sh ships them, minified by esbuild: one line each,
/// the glue's loader renamed and exported at the end with `export{…}`.
const GLUE_MINIFIED: &str = "let i;export class Engine{constructor(e){this.size=e.length}search(e){return{query:e,\
total:0,hits:[],note:\"a;export{x}\"}}}async function U(e){return e===void 0&&(e=new URL(\"verbatim_bg.wasm\",\
import.meta.url)),{}}function F(e){return{}}export{F as initSync,U as default};\n";

const ELEMENT_MINIFIED: &str = "function n(){return globalThis.__verbatimGlue?Promise.resolve(globalThis.__verbatimGlue)\
:import(\"./verbatim.js\")}const c=globalThis.__verbatimCss??null;class VerbatimSearch extends HTMLElement{async \
connectedCallback(){this.glue=await n()}}customElements.define(\"verbatim-search\",VerbatimSearch);export{VerbatimSearch};\n";

#[test]
fn bundle_takes_a_minified_pkg() {
    let tmp = TempDir::new("bundle-minified");
    let pkg = tmp.join("pkg");
    stand_in_pkg(&pkg);
    std::fs::write(pkg.join("verbatim.js"), GLUE_MINIFIED).unwrap();
    std::fs::write(pkg.join("verbatim-search.js"), ELEMENT_MINIFIED).unwrap();
    index_records(&[Path::new("records/AG12734-fr.txt")], &pkg.join("AG12734-fr.idx"));
    let out = tmp.join("verbatim.html");
    verbatim(&[
        OsStr::new("bundle"),
        OsStr::new("--single-file"),
        out.as_os_str(),
        OsStr::new("--pkg"),
        pkg.as_os_str(),
    ]);
    let html = std::fs::read_to_string(&out).unwrap();
    // The glue's exports, found mid-line, become the global; its module keeps no export statement.
    let glue_at = html
        .find("function F(e){return{}}\nglobalThis.__verbatimGlue = Object.freeze({ Engine: Engine, initSync: F, default: U });")
        .expect("the minified glue's exports as a global");
    assert!(html.contains("\\n\";\nlet i;class Engine{constructor(e)"), "after the CSS, the glue minus `export`");
    assert!(html.contains("note:\"a;export{x}\""), "a look-alike in a string is left alone");
    assert!(!html.contains("export{F as initSync"));
    // The element follows, as shipped.
    let element_at = html.find(ELEMENT_MINIFIED).expect("the minified element inlined as is");
    assert!(glue_at < element_at);
    assert_fetches_nothing(&html);

    // A static import mid-line in a minified element is still refused.
    std::fs::write(
        pkg.join("verbatim-search.js"),
        format!("const a=1;import i from\"./verbatim.js\";{ELEMENT_MINIFIED}"),
    )
    .unwrap();
    let err = verbatim_fails(&[
        OsStr::new("bundle"),
        OsStr::new("--single-file"),
        out.as_os_str(),
        OsStr::new("--pkg"),
        pkg.as_os_str(),
    ]);
    assert!(err.contains("verbatim-search.js:1: static import"), "{err}");
}

#[test]
fn bundle_refuses_what_cannot_work_from_disk() {
    let tmp = TempDir::new("bundle-refuses");
    let pkg = tmp.join("pkg");
    stand_in_pkg(&pkg);
    let idx = pkg.join("AG12734-fr.idx");
    index_records(&[Path::new("records/AG12734-fr.txt")], &idx);
    let out = tmp.join("out.html");
    let args =
        [OsStr::new("bundle"), OsStr::new("--single-file"), out.as_os_str(), OsStr::new("--pkg"), pkg.as_os_str()];

    // An element that would import the glue by URL: blocked from file://.
    std::fs::write(
        pkg.join("verbatim-search.js"),
        "import init from \"./verbatim.js\";\ncustomElements.define(\"x-y\", class extends HTMLElement {});\n",
    )
    .unwrap();
    let err = verbatim_fails(&args);
    assert!(err.contains("static import"), "{err}");
    std::fs::write(pkg.join("verbatim-search.js"), "const glue = await import(\"./verbatim.js\");\n").unwrap();
    let err = verbatim_fails(&args);
    assert!(err.contains("__verbatimGlue"), "{err}");

    // Missing build outputs name the fix.
    stand_in_pkg(&pkg);
    std::fs::remove_file(pkg.join("verbatim_bg.wasm")).unwrap();
    let err = verbatim_fails(&args);
    assert!(err.contains("verbatim_bg.wasm") && err.contains("make pkg"), "{err}");
    // A glue that is not wasm-bindgen output.
    stand_in_pkg(&pkg);
    std::fs::write(pkg.join("verbatim.js"), "export const x = 1;\n").unwrap();
    let err = verbatim_fails(&args);
    assert!(err.contains("\"default\""), "{err}");
    assert!(!out.exists(), "nothing written on failure");
}
