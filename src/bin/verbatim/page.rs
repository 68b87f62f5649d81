//! `verbatim page --index <file> -o <file>`: the record page (index.html),
//! rendered from the index itself so that paragraph anchors always equal the
//! numbers search returns (hit "p23" → `<p id="p23">`).
//!
//! Record text is untrusted: every text and attribute is HTML-escaped, bidi
//! embedding/override controls and other control characters are dropped, and
//! only http(s) source URLs become links. The page has no inline script or
//! style, so it runs under a strict Content-Security-Policy.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use verbatim::index::{IndexData, PassageData, RecordMeta, decode};

#[derive(clap::Args)]
pub struct Args {
    /// The index to render (records, sections, paragraphs).
    #[arg(long)]
    index: PathBuf,
    /// Where to write the page.
    #[arg(short, long)]
    output: PathBuf,
    /// URL of the index for the search element, relative to the page [default: PKG_URL + the index file name].
    #[arg(long)]
    index_url: Option<String>,
    /// URL of the pkg folder (element, stylesheet), relative to the page.
    #[arg(long, default_value = "pkg/")]
    pkg_url: String,
}

pub fn run(args: Args) -> Result<()> {
    let data = read_index(&args.index)?;
    let links = Links::new(&args.pkg_url, args.index_url.as_deref(), &args.index);
    let html = render(&data, &links);
    write_atomically(&args.output, html.as_bytes())?;
    println!(
        "{}: {} records, {} paragraphs, {} bytes",
        args.output.display(),
        data.records.len(),
        data.passages.len(),
        html.len()
    );
    Ok(())
}

/// Reads and decodes an index file (the plain data; no search tables).
pub fn read_index(path: &Path) -> Result<IndexData> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the index {}", path.display()))?;
    decode(&bytes).with_context(|| format!("{}", path.display()))
}

/// Where the page finds its assets.
pub struct Links {
    /// The pkg folder, ending with "/" (or empty: same folder as the page).
    pub pkg_url: String,
    /// The `index` attribute of `<verbatim-search>`.
    pub index_url: String,
}

impl Links {
    pub fn new(pkg_url: &str, index_url: Option<&str>, index_path: &Path) -> Links {
        let mut pkg_url = pkg_url.to_string();
        if !pkg_url.is_empty() && !pkg_url.ends_with('/') {
            pkg_url.push('/');
        }
        let index_url = match index_url {
            Some(url) => url.to_string(),
            None => {
                let name = index_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                format!("{pkg_url}{name}")
            }
        };
        Links { pkg_url, index_url }
    }
}

/// The whole page. Same index and links → same bytes.
pub fn render(data: &IndexData, links: &Links) -> String {
    let first = data.records.first();
    let lang = first.and_then(|r| r.lang).map_or("fr", |l| l.code());
    let title = match data.records.as_slice() {
        [] => "Verbatim".to_string(),
        [record] => headline(record),
        records => records.iter().map(|r| clean(&r.symbol)).collect::<Vec<_>>().join(", "),
    };
    let mut html = String::with_capacity(data.passages.iter().map(|p| p.text.len() + 64).sum::<usize>() + 2048);
    html.push_str("<!doctype html>\n");
    html.push_str(&format!("<html lang=\"{lang}\">\n<head>\n"));
    html.push_str("<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    html.push_str(&format!("<title>{}</title>\n", escape(&title)));
    html.push_str("<link rel=\"manifest\" href=\"manifest.webmanifest\">\n");
    html.push_str(&format!(
        "<link rel=\"icon\" href=\"{}\" type=\"image/svg+xml\">\n",
        escape(&format!("{}icon.svg", links.pkg_url))
    ));
    html.push_str(&format!("<link rel=\"stylesheet\" href=\"{}\">\n", escape(&format!("{}page.css", links.pkg_url))));
    html.push_str(&format!(
        "<script type=\"module\" src=\"{}\"></script>\n",
        escape(&format!("{}verbatim-search.js", links.pkg_url))
    ));
    // Start every download the first result needs at once, instead of each
    // file waiting for the one that asks for it (a round trip each on a phone).
    let pkg = |file: &str| escape(&format!("{}{file}", links.pkg_url));
    html.push_str(&format!("<link rel=\"modulepreload\" href=\"{}\">\n", pkg("verbatim.js")));
    html.push_str(&format!("<link rel=\"preload\" href=\"{}\" as=\"style\">\n", pkg("verbatim-search.css")));
    html.push_str(&format!(
        "<link rel=\"preload\" href=\"{}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n",
        pkg("verbatim_bg.wasm")
    ));
    html.push_str(&format!("<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>\n", escape(&links.index_url)));
    html.push_str("</head>\n<body>\n<header>\n");
    html.push_str(&format!("<verbatim-search index=\"{}\" offline></verbatim-search>\n", escape(&links.index_url)));
    html.push_str("</header>\n<main>\n");

    let mut by_record: Vec<Vec<&PassageData>> = vec![Vec::new(); data.records.len()];
    for passage in &data.passages {
        if let Some(list) = by_record.get_mut(passage.record as usize) {
            list.push(passage);
        }
    }
    let mut prefixes: Vec<String> = Vec::new();
    let mut heading_no = 0;
    for (k, (record, passages)) in data.records.iter().zip(&by_record).enumerate() {
        let prefix = anchor_prefix(k, &record.symbol, &prefixes);
        prefixes.push(prefix.clone());
        render_record(&mut html, data, record, k, &prefix, passages, &mut heading_no);
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// One record as an `<article>`: meta line, headline, headings and paragraphs, source.
fn render_record(
    html: &mut String,
    data: &IndexData,
    record: &RecordMeta,
    k: usize,
    prefix: &str,
    passages: &[&PassageData],
    heading_no: &mut usize,
) {
    let id = if k == 0 { "record".to_string() } else { format!("record-{}", k + 1) };
    html.push_str(&format!("<article id=\"{id}\""));
    if let Some(lang) = record.lang {
        html.push_str(&format!(" lang=\"{}\"", lang.code()));
    }
    html.push_str(&format!(" data-symbol=\"{}\"", escape(&record.symbol)));
    if !prefix.is_empty() {
        html.push_str(&format!(" data-anchor-prefix=\"{prefix}\""));
    }
    html.push_str(">\n");

    let english = record.lang.is_some_and(|l| l.code() == "en");
    let mut meta: Vec<String> = [&record.session, &record.meeting, &record.symbol]
        .iter()
        .filter_map(|s| non_empty(s))
        .map(|s| escape(&s))
        .collect();
    if let Some(date) = non_empty(&record.date) {
        meta.push(match parse_iso_date(&date) {
            Some(ymd) => format!("<time datetime=\"{}\">{}</time>", escape(&date), format_date(ymd, english)),
            None => escape(&date),
        });
    }
    if !meta.is_empty() {
        html.push_str(&format!("<p class=\"record-meta\">{}</p>\n", meta.join(" · ")));
    }
    html.push_str(&format!("<h1>{}</h1>\n", escape(&headline(record))));

    let mut section: Option<u32> = None;
    for passage in passages {
        if passage.section != section {
            section = passage.section;
            if let Some(heading) = section.and_then(|s| data.sections.get(s as usize)) {
                *heading_no += 1;
                html.push_str(&format!("<h2 id=\"s-{heading_no}\">{}</h2>\n", escape(&clean(heading))));
            }
        }
        html.push_str(&format!("<p id=\"{prefix}p{}\" class=\"passage\"", passage.number));
        if let Some(speaker) = passage.speakers.first().and_then(|&s| data.speakers.get(s as usize)) {
            html.push_str(&format!(" data-speaker=\"{}\"", escape(&clean(&speaker.name))));
        }
        html.push_str(&format!(">{}</p>\n", escape(&clean(&passage.text))));
    }

    if let Some(url) = non_empty(&record.url) {
        html.push_str("<footer class=\"record-source\"><p>");
        html.push_str(if english { "Source: " } else { "Source : " });
        let label = if is_un_url(&url) {
            if english { "United Nations, Meetings Coverage and Press Releases" } else { SOURCE_FR }
        } else {
            url.as_str()
        };
        if is_web_url(&url) {
            html.push_str(&format!("<a href=\"{}\">{}</a>", escape(&url), escape(label)));
        } else {
            html.push_str(&escape(label));
        }
        html.push_str("</p></footer>\n");
    }
    html.push_str("</article>\n");
}

const SOURCE_FR: &str = "ONU, Couverture des réunions et communiqués de presse";

/// The headline, or the symbol when the record has none.
fn headline(record: &RecordMeta) -> String {
    non_empty(&record.title).or_else(|| non_empty(&record.symbol)).unwrap_or_else(|| "Sans titre".to_string())
}

/// Cleaned, trimmed text, or `None` when nothing is left.
fn non_empty(text: &str) -> Option<String> {
    let text = clean(text);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Paragraph ids of the first record are "pN" (the hit anchors); later
/// records get a prefix from their symbol ("ag-12735-p3") so ids stay unique.
fn anchor_prefix(k: usize, symbol: &str, taken: &[String]) -> String {
    if k == 0 {
        return String::new();
    }
    let mut slug = String::new();
    for c in symbol.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let prefix = format!("{slug}-");
    if slug.is_empty() || taken.contains(&prefix) { format!("r{}-", k + 1) } else { prefix }
}

/// Drops characters that have no business in displayed text and can spoof
/// it: bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) and
/// control characters other than tab and line feed.
pub fn clean(text: &str) -> String {
    text.chars().filter(|&c| !is_spoofing(c)).collect()
}

fn is_spoofing(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') || (c.is_control() && c != '\t' && c != '\n')
}

/// Escapes text for HTML content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// True for http: and https: URLs (the only ones worth a link; not "javascript:").
fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.chars().any(char::is_whitespace)
}

/// True when the URL's host is un.org or one of its subdomains.
fn is_un_url(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default().to_ascii_lowercase();
    host == "un.org" || host.ends_with(".un.org")
}

/// "2025-11-24" → (2025, 11, 24); `None` unless the date is ISO.
fn parse_iso_date(date: &str) -> Option<(u32, u32, u32)> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = date.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// (2025, 11, 24) → "24 novembre 2025" (French, "1er" for the first) or "24 November 2025".
fn format_date((y, m, d): (u32, u32, u32), english: bool) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = if english { EN } else { FR }[(m - 1) as usize];
    if !english && d == 1 { format!("1er {month} {y}") } else { format!("{d} {month} {y}") }
}

/// Writes beside the target, then renames: a failed run leaves no partial file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".to_string());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path)
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(format_date(parse_iso_date("2025-11-24").unwrap(), false), "24 novembre 2025");
        assert_eq!(format_date(parse_iso_date("2025-12-01").unwrap(), false), "1er décembre 2025");
        assert_eq!(format_date(parse_iso_date("2025-08-05").unwrap(), true), "5 August 2025");
        assert_eq!(parse_iso_date("24/11/2025"), None);
        assert_eq!(parse_iso_date("2025-13-01"), None);
    }

    #[test]
    fn escaping_and_urls() {
        assert_eq!(escape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
        assert_eq!(clean("a\u{202E}b\u{2066}c\u{0}d\te"), "abcd\te");
        assert!(is_web_url("https://press.un.org/fr/2025/ag12734.doc.htm"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" JavaScript:alert(1)"));
        assert!(is_un_url("https://press.un.org/fr/x"));
        assert!(!is_un_url("https://un.org.evil.example/x"));
        assert!(!is_un_url("https://evil.example/un.org"));
    }

    #[test]
    fn prefixes() {
        assert_eq!(anchor_prefix(0, "AG/12734", &[]), "");
        assert_eq!(anchor_prefix(1, "AG/12735", &["".into()]), "ag-12735-");
        assert_eq!(anchor_prefix(2, "AG/12735", &["".into(), "ag-12735-".into()]), "r3-");
        assert_eq!(anchor_prefix(1, "—", &["".into()]), "r2-");
        assert_eq!(anchor_prefix(1, "été 2025", &["".into()]), "t-2025-");
    }
}
