//! `verbatim serve [--dir .] [--port 8000] [--host 127.0.0.1]`: a small static
//! file server for trying the widget (the service worker and WebAssembly need
//! http://, not file://). GET and HEAD only, one request per connection, every
//! response `Cache-Control: no-cache` so reloads see new builds.

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

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
}

pub fn run(args: Args) -> Result<()> {
    let root = args.dir.canonicalize().with_context(|| format!("cannot serve {}", args.dir.display()))?;
    if !root.is_dir() {
        bail!("cannot serve {}: not a folder", args.dir.display());
    }
    let listener = TcpListener::bind((args.host.as_str(), args.port))
        .with_context(|| format!("cannot listen on {}:{}", args.host, args.port))?;
    let addr = listener.local_addr()?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "Verbatim is serving {} at http://{addr}/", root.display())?;
        out.flush()?;
    }
    let root = Arc::new(root);
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let root = Arc::clone(&root);
                std::thread::spawn(move || {
                    if let Err(e) = handle(stream, &root) {
                        eprintln!("verbatim serve: {e}");
                    }
                });
            }
            Err(e) => eprintln!("verbatim serve: {e}"),
        }
    }
    Ok(())
}

/// The most a request line plus headers may take.
const MAX_HEAD: u64 = 16 * 1024;

/// Answers one request, then closes the connection.
fn handle(stream: TcpStream, root: &Path) -> std::io::Result<()> {
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
    let (status, log) = match resolve(root, target) {
        Resolved::File(path) => match std::fs::File::open(&path) {
            Ok(file) => {
                let len = file.metadata()?.len();
                let mut headers = Vec::new();
                write_head(&mut headers, 200, "OK", content_type(&path), &[], len)?;
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
    write_head(&mut response, status, reason, content_type, extra, body.len() as u64)?;
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
    extra: &[(&str, &str)],
    len: u64,
) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n"
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
    fn types() {
        assert_eq!(content_type(Path::new("pkg/verbatim_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("pkg/verbatim.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("manifest.webmanifest")), "application/manifest+json");
        assert_eq!(content_type(Path::new("pkg/AG12734-fr.idx")), "application/octet-stream");
    }
}
