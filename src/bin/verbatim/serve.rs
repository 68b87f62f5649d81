//! `verbatim serve [--dir .] [--port 8000] [--host 127.0.0.1] [--archive DIR]`: a
//! small static file server for trying the widget (the service worker and
//! WebAssembly need http://, not file://). GET and HEAD only, one request per
//! connection, every response `Cache-Control: no-cache` so reloads see new builds —
//! except an archive's hashed files, which never change.
//!
//! With `--archive DIR` (a folder written by `verbatim index --archive`), `/` is a
//! search page whose element reads `/archive/manifest.vrba` (with pkg/verbatim-archive.js,
//! the engine that reads archives), `/archive/…` is DIR, and everything else (pkg/,
//! sw.js) still comes from `--dir`. Nothing is compressed: a
//! page served from here is for trying, not for measuring bytes (`verbatim bench`).

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use verbatim::analysis::Lang;
use verbatim::archive::{MANIFEST_FILE, Manifest, decode_manifest};

#[derive(clap::Args)]
pub struct Args {
    /// The folder to serve: the site root (index.html, sw.js, pkg/).
    #[arg(long, default_value = ".")]
    dir: PathBuf,
    /// The port to listen on; 0 picks a free one (the printed address gives it).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// The address to listen on; the default only accepts connections from this machine.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Serve this archive (a folder written by `verbatim index --archive`) with a search
    /// page: / is a page whose search box reads DIR/manifest.vrba (served under /archive/;
    /// its hashed files with Cache-Control: immutable); pkg/ and sw.js come from --dir.
    #[arg(long, value_name = "DIR")]
    archive: Option<PathBuf>,
}

/// What the server answers from.
struct Site {
    /// The folder of --dir, canonical.
    root: PathBuf,
    archive: Option<ArchiveSite>,
}

/// An archive served under [`ARCHIVE_PREFIX`], with its search page at `/`.
struct ArchiveSite {
    /// The folder of --archive, canonical.
    dir: PathBuf,
    page: String,
}

/// Where an archive's files are served from.
const ARCHIVE_PREFIX: &str = "/archive/";

pub fn run(args: Args) -> Result<()> {
    let root = args.dir.canonicalize().with_context(|| format!("cannot serve {}", args.dir.display()))?;
    if !root.is_dir() {
        bail!("cannot serve {}: not a folder", args.dir.display());
    }
    let archive = args.archive.as_deref().map(|dir| archive_site(dir, &root)).transpose()?;
    let listener = TcpListener::bind((args.host.as_str(), args.port))
        .with_context(|| format!("cannot listen on {}:{}", args.host, args.port))?;
    let addr = listener.local_addr()?;
    {
        let mut out = std::io::stdout().lock();
        match &archive {
            None => writeln!(out, "Verbatim is serving {} at http://{addr}/", root.display())?,
            Some(archive) => writeln!(
                out,
                "Verbatim is serving the archive {} at http://{addr}/ (pkg/ from {})",
                archive.dir.display(),
                root.display()
            )?,
        }
        out.flush()?;
    }
    let site = Arc::new(Site { root, archive });
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let site = Arc::clone(&site);
                std::thread::spawn(move || {
                    if let Err(e) = handle(stream, &site) {
                        eprintln!("verbatim serve: {e}");
                    }
                });
            }
            Err(e) => eprintln!("verbatim serve: {e}"),
        }
    }
    Ok(())
}

/// Checks the archive folder and the element's files, and renders the search page.
fn archive_site(dir: &Path, root: &Path) -> Result<ArchiveSite> {
    let build = format!("`verbatim index --archive {} <records…>` writes one", dir.display());
    let dir = dir.canonicalize().with_context(|| format!("cannot serve the archive {} ({build})", dir.display()))?;
    let path = dir.join(MANIFEST_FILE);
    let bytes = std::fs::read(&path)
        .with_context(|| format!("cannot read {}: is {} an archive? ({build})", path.display(), dir.display()))?;
    if bytes.starts_with(b"VRBT") {
        bail!("{} is a single-file index, not an archive manifest: serve it with --dir ({build})", path.display());
    }
    let manifest = decode_manifest(&bytes).with_context(|| format!("cannot serve {} ({build})", path.display()))?;
    // The archive engine carries its wasm (scripts/inline-wasm.mjs).
    for file in ["pkg/verbatim-search.js", "pkg/verbatim-archive.js"] {
        if !root.join(file).is_file() {
            bail!(
                "there is no {file} under {}: the archive's page needs the element and the archive engine — \
                 serve from the repository root or a built site (--dir), or rebuild pkg/ with `make pkg`",
                root.display()
            );
        }
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let page =
        archive_page(&name, &manifest, root.join("sw.js").is_file(), root.join("manifest.webmanifest").is_file());
    Ok(ArchiveSite { dir, page })
}

/// The page that searches the archive: the element, pointed at the manifest, in
/// French when every record is French, else in English.
fn archive_page(name: &str, manifest: &Manifest, offline: bool, webmanifest: bool) -> String {
    use crate::page::{clean, escape};
    let french = !manifest.records.is_empty() && manifest.records.iter().all(|r| r.lang == Some(Lang::French));
    let lang = if french { "fr" } else { "en" };
    let title = escape(&clean(&format!("Verbatim — {name}")));
    let index = format!("{}{MANIFEST_FILE}", ARCHIVE_PREFIX.trim_start_matches('/'));
    let mut html = format!("<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    html.push_str(&format!("<title>{title}</title>\n"));
    if webmanifest {
        html.push_str("<link rel=\"manifest\" href=\"manifest.webmanifest\">\n");
    }
    html.push_str("<link rel=\"icon\" href=\"pkg/icon.svg\" type=\"image/svg+xml\">\n");
    html.push_str("<link rel=\"stylesheet\" href=\"pkg/page.css\">\n");
    html.push_str("<script type=\"module\" src=\"pkg/verbatim-search.js\"></script>\n");
    html.push_str("<link rel=\"modulepreload\" href=\"pkg/verbatim-archive.js\">\n");
    html.push_str("<link rel=\"preload\" href=\"pkg/verbatim-search.css\" as=\"style\">\n");
    html.push_str(&format!("<link rel=\"preload\" href=\"{index}\" as=\"fetch\" crossorigin>\n"));
    html.push_str("</head>\n<body>\n<header>\n");
    html.push_str(&format!(
        "<verbatim-search index=\"{index}\" lang=\"{lang}\"{}></verbatim-search>\n",
        if offline { " offline" } else { "" }
    ));
    html.push_str("</header>\n<main>\n");
    html.push_str(&format!("<h1>{title}</h1>\n"));
    let (records, passages) = (manifest.records.len(), manifest.passages);
    html.push_str(&if french {
        format!(
            "<p>{records} comptes rendus, {passages} passages. Chaque recherche ne télécharge que les parties \
             de l’archive dont elle a besoin ; ce qui a été téléchargé répond encore hors ligne.</p>\n"
        )
    } else {
        format!(
            "<p>{records} records, {passages} passages. Each search downloads only the parts of the archive \
             it needs; what was downloaded answers again offline.</p>\n"
        )
    });
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// True for an archive file whose name carries the build's hash (`terms/3.1a2b3c4d.vrba`,
/// and likewise in typos/, text/, phrases/): its bytes never change under that name.
fn is_hashed_archive_file(relative: &str) -> bool {
    let Some((folder, name)) = relative.split_once('/') else { return false };
    let Some(stem) = name.strip_suffix(".vrba") else { return false };
    let Some((number, hash)) = stem.split_once('.') else { return false };
    !folder.is_empty()
        && folder.bytes().all(|b| b.is_ascii_lowercase())
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && hash.len() == 8
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What a response says about caching.
const NO_CACHE: &str = "no-cache";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The most a request line plus headers may take.
const MAX_HEAD: u64 = 16 * 1024;

/// Answers one request, then closes the connection.
fn handle(stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new((&stream).take(MAX_HEAD));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line)? == 0 {
        return Ok(());
    }
    // Headers are read and ignored; a head that never ends is refused.
    let mut complete = false;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        if line == "\r\n" || line == "\n" {
            complete = true;
            break;
        }
    }
    let mut out = &stream;
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(_version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return respond_text(&mut out, false, 400, "Bad Request", "400 Bad Request: malformed request line.\n");
    };
    if !complete {
        return respond_text(
            &mut out,
            false,
            400,
            "Bad Request",
            "400 Bad Request: incomplete or oversized headers.\n",
        );
    }
    let head = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let body = format!("405 Method Not Allowed: {method}. This server only answers GET and HEAD.\n");
            return respond(
                &mut out,
                false,
                405,
                "Method Not Allowed",
                "text/plain; charset=utf-8",
                &[("Allow", "GET, HEAD")],
                body.as_bytes(),
            );
        }
    };
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let (root, resolved, cache) = match &site.archive {
        Some(archive) if path == "/" || path == "/index.html" => {
            respond(&mut out, head, 200, "OK", "text/html; charset=utf-8", &[], archive.page.as_bytes())?;
            eprintln!("{method} {target} 200");
            return out.flush();
        }
        Some(archive) if path.starts_with(ARCHIVE_PREFIX) => {
            let rest = &target[ARCHIVE_PREFIX.len() - 1..];
            let relative = percent_decode(&path[ARCHIVE_PREFIX.len()..]).unwrap_or_default();
            let cache = if is_hashed_archive_file(&relative) { IMMUTABLE } else { NO_CACHE };
            (archive.dir.as_path(), resolve(&archive.dir, rest), cache)
        }
        _ => (site.root.as_path(), resolve(&site.root, target), NO_CACHE),
    };
    let (status, log) = match resolved {
        Resolved::File(path) => match std::fs::File::open(&path) {
            Ok(file) => {
                let len = file.metadata()?.len();
                let mut headers = Vec::new();
                write_head(&mut headers, 200, "OK", content_type(&path), cache, &[], len)?;
                out.write_all(&headers)?;
                if !head {
                    std::io::copy(&mut file.take(len), &mut out)?;
                }
                (200, String::new())
            }
            Err(e) => {
                respond_text(&mut out, head, 404, "Not Found", &not_found(root, target))?;
                (404, format!(" ({e})"))
            }
        },
        Resolved::Redirect(location) => {
            // Inside the archive, the location is relative to it.
            let location = if root == site.root.as_path() {
                location
            } else {
                format!("{}{location}", &ARCHIVE_PREFIX[..ARCHIVE_PREFIX.len() - 1])
            };
            let body = format!("301 Moved Permanently: see {location}\n");
            respond(
                &mut out,
                head,
                301,
                "Moved Permanently",
                "text/plain; charset=utf-8",
                &[("Location", &location)],
                body.as_bytes(),
            )?;
            (301, String::new())
        }
        Resolved::Bad(why) => {
            respond_text(&mut out, head, 400, "Bad Request", &format!("400 Bad Request: {why}\n"))?;
            (400, String::new())
        }
        Resolved::NotFound => {
            respond_text(&mut out, head, 404, "Not Found", &not_found(root, target))?;
            (404, String::new())
        }
    };
    eprintln!("{method} {target} {status}{log}");
    out.flush()
}

/// What a request target names.
#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    /// A folder asked for without its final "/": send the browser there, so relative URLs resolve.
    Redirect(String),
    Bad(&'static str),
    NotFound,
}

/// Maps a request target to a file under `root`, refusing anything that
/// could leave it: "." and ".." segments (also percent-encoded), backslashes,
/// drive letters, NUL, hidden files, and symbolic links that point outside.
fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Resolved::Bad("the request target must start with \"/\".");
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Bad("malformed percent-encoding or non-UTF-8 path.");
    };
    let mut file = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." {
            return Resolved::Bad("\".\" and \"..\" are not allowed in paths.");
        }
        if segment.contains(['\\', ':', '\0']) {
            return Resolved::Bad("backslashes, colons and NUL are not allowed in paths.");
        }
        if segment.starts_with('.') {
            return Resolved::NotFound;
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

/// "%2e%2E" → "..". `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A helpful 404 body: what was asked, where the server looks, and the usual cause.
fn not_found(root: &Path, target: &str) -> String {
    let mut body = format!("404 Not Found: {target}\n\nThere is no such file under {}.\n", root.display());
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if path.starts_with("/pkg/") && !root.join("pkg").is_dir() {
        body.push_str(
            "There is no pkg/ folder here: build it with `make pkg` (scripts/build-pkg.sh), \
             or serve the site root with --dir.\n",
        );
    } else if (path == "/" || path == "/index.html") && !root.join("index.html").is_file() {
        body.push_str(
            "There is no index.html here: serve the site root with --dir, or render one with\n  \
             verbatim page --index pkg/AG12734-fr.idx -o index.html\n",
        );
    }
    body
}

fn respond_text(out: &mut impl Write, head: bool, status: u16, reason: &str, body: &str) -> std::io::Result<()> {
    respond(out, head, status, reason, "text/plain; charset=utf-8", &[], body.as_bytes())
}

fn respond(
    out: &mut impl Write,
    head: bool,
    status: u16,
    reason: &str,
    content_type: &str,
    extra: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut response = Vec::with_capacity(256 + body.len());
    write_head(&mut response, status, reason, content_type, NO_CACHE, extra, body.len() as u64)?;
    if !head {
        response.extend_from_slice(body);
    }
    out.write_all(&response)
}

fn write_head(
    out: &mut Vec<u8>,
    status: u16,
    reason: &str,
    content_type: &str,
    cache: &str,
    extra: &[(&str, &str)],
    len: u64,
) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\n\
         Cache-Control: {cache}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n"
    )?;
    for (name, value) in extra {
        write!(out, "{name}: {value}\r\n")?;
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("/%2e%2E/a%20b").as_deref(), Some("/../a b"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%2"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    #[test]
    fn traversal_is_refused() {
        let root = std::env::temp_dir().canonicalize().unwrap();
        for target in
            ["/../etc/passwd", "/%2e%2e/etc/passwd", "/a/%2E%2E/%2e%2e/x", "/..%2fx", "/..%5cx", "/c:/x", "/%00"]
        {
            assert!(matches!(resolve(&root, target), Resolved::Bad(_)), "{target}");
        }
        assert_eq!(resolve(&root, "//etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(&root, "/.git/config"), Resolved::NotFound);
        assert!(matches!(resolve(&root, "etc/passwd"), Resolved::Bad(_)));
    }

    #[test]
    fn only_hashed_archive_files_are_immutable() {
        for name in
            ["terms/0.1a2b3c4d.vrba", "typos/12.00000000.vrba", "text/7.abcdef09.vrba", "phrases/3.1a2b3c4d.vrba"]
        {
            assert!(is_hashed_archive_file(name), "{name}");
        }
        for name in [
            "manifest.vrba",
            "terms/0.vrba",
            "terms/0.1a2b3c4.vrba",
            "terms/x.1a2b3c4d.vrba",
            "Terms/0.1a2b3c4d.vrba",
            "terms/0.1a2b3c4d.idx",
            "terms/sub/0.1a2b3c4d.vrba",
            "terms/0.1a2b3c4g.vrba",
        ] {
            assert!(!is_hashed_archive_file(name), "{name}");
        }
    }

    #[test]
    fn the_archive_page_points_the_element_at_the_manifest() {
        let manifest = Manifest { passages: 3, ..Manifest::default() };
        let html = archive_page("un<gdc>", &manifest, true, false);
        assert!(
            html.contains("<verbatim-search index=\"archive/manifest.vrba\" lang=\"en\" offline></verbatim-search>")
        );
        assert!(html.contains("<title>Verbatim — un&lt;gdc&gt;</title>"));
        assert!(!html.contains("rel=\"manifest\""));
        assert!(!archive_page("a", &manifest, false, true).contains(" offline>"));
    }

    #[test]
    fn types() {
        assert_eq!(content_type(Path::new("pkg/verbatim_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("pkg/verbatim.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("manifest.webmanifest")), "application/manifest+json");
        assert_eq!(content_type(Path::new("pkg/AG12734-fr.idx")), "application/octet-stream");
    }
}
