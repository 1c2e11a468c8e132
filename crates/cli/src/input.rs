//! The inputs of a run: PATH arguments expanded into files, each read,
//! decoded and checked on its own — an unreadable file is a per-file error,
//! never a crash and never a silent skip.

use crate::decode::{self, Decoded};
use gongkai_core::compare::Identity;
use gongkai_core::{Options, Report};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Extensions looked for in folders (case-insensitive).
pub const EXTENSIONS: [&str; 5] = ["txt", "md", "html", "htm", "docx"];

/// Where an input's bytes come from.
pub enum Source {
    File(PathBuf),
    /// Standard input, read once up front.
    Bytes(Arc<Vec<u8>>),
    /// What went wrong while listing a folder.
    Error(String),
}

/// One input of the run.
pub struct Input {
    /// The path as shown in every output ("-" for standard input).
    pub name: String,
    pub source: Source,
}

/// Expands PATH arguments: files as given (any extension), folders walked
/// recursively for [`EXTENSIONS`] in name order (hidden entries, Office
/// lock files `~$…` and symbolic links to folders skipped), `-` for
/// standard input.
pub fn expand(paths: &[String], max_size: u64) -> Vec<Input> {
    let mut out = Vec::new();
    let mut stdin: Option<Arc<Vec<u8>>> = None;
    for p in paths {
        if p == "-" {
            let bytes = stdin.get_or_insert_with(|| {
                let mut buf = Vec::new();
                let _ = std::io::stdin()
                    .lock()
                    .take(max_size + 1)
                    .read_to_end(&mut buf);
                Arc::new(buf)
            });
            out.push(Input {
                name: "-".into(),
                source: Source::Bytes(bytes.clone()),
            });
            continue;
        }
        let path = PathBuf::from(p);
        if path.is_dir() {
            let before = out.len();
            walk(&path, &mut out);
            if out.len() == before {
                out.push(Input {
                    name: p.clone(),
                    source: Source::Error(
                        "no report in this folder (no .txt, .md, .html, .htm or .docx file)".into(),
                    ),
                });
            }
        } else {
            out.push(Input {
                name: p.clone(),
                source: Source::File(path),
            });
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let entries = match entries {
        Ok(e) => e,
        Err(e) => {
            out.push(Input {
                name: dir.display().to_string(),
                source: Source::Error(format!("cannot list this folder: {e}")),
            });
            return;
        }
    };
    // Each name fetched once: `file_name` allocates, and a sort by it as
    // the key fetched two per comparison (most of the walk's cost). Names
    // in a folder are unique: an unstable sort gives the same order.
    let mut entries: Vec<_> = entries.into_iter().map(|e| (e.file_name(), e)).collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, e) in entries {
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, out);
        } else if has_extension(&path) {
            out.push(Input {
                name: path.display().to_string(),
                source: Source::File(path),
            });
        }
    }
}

fn has_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A decoded input, ready to check.
pub enum Content {
    /// Text or HTML markup (decided by extension, else by
    /// `gongkai_core::input::looks_like_html`).
    Text { text: String, html: bool },
    /// A .docx file's bytes.
    Docx(Vec<u8>),
}

pub struct Loaded {
    pub content: Content,
    /// The encoding the text was decoded from; `None` for .docx.
    pub encoding: Option<&'static str>,
}

/// A checked input: the report and the text its spans refer to.
#[derive(Clone)]
pub struct Checked {
    pub report: Report,
    /// The decoded text (for .docx, the report's `text` holds the extracted
    /// text and this is empty).
    pub text: String,
    pub encoding: Option<&'static str>,
}

impl Checked {
    /// The text every span of the report refers to.
    pub fn source(&self) -> &str {
        self.report.text.as_deref().unwrap_or(&self.text)
    }
}

impl Input {
    fn bytes(&self, max_size: u64) -> Result<Vec<u8>, String> {
        let too_big = |len: u64| {
            format!(
                "the file is {}, larger than the {} limit (--max-size); a report is a few hundred kB",
                human_size(len),
                human_size(max_size)
            )
        };
        match &self.source {
            Source::Error(e) => Err(e.clone()),
            Source::Bytes(b) => {
                if b.len() as u64 > max_size {
                    return Err(too_big(b.len() as u64));
                }
                Ok(b.to_vec())
            }
            Source::File(p) => {
                let f = std::fs::File::open(p).map_err(|e| io_error(&e))?;
                let meta = f.metadata().map_err(|e| io_error(&e))?;
                if meta.is_dir() {
                    return Err("is a folder".into());
                }
                if meta.len() > max_size {
                    return Err(too_big(meta.len()));
                }
                let mut buf = Vec::with_capacity(meta.len() as usize);
                f.take(max_size + 1)
                    .read_to_end(&mut buf)
                    .map_err(|e| io_error(&e))?;
                if buf.len() as u64 > max_size {
                    return Err(too_big(buf.len() as u64));
                }
                Ok(buf)
            }
        }
    }

    fn extension(&self) -> String {
        match &self.source {
            Source::File(p) => p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase(),
            _ => String::new(),
        }
    }

    /// Reads and decodes the input.
    pub fn load(&self, max_size: u64) -> Result<Loaded, String> {
        let bytes = self.bytes(max_size)?;
        let ext = self.extension();
        match decode::decode(bytes)? {
            Decoded::Zip(bytes) => Ok(Loaded {
                content: Content::Docx(bytes),
                encoding: None,
            }),
            Decoded::Text(text, encoding) => {
                if ext == "docx" {
                    return Err(
                        "not a .docx file (it is not a zip archive): is it a renamed .doc or text?"
                            .into(),
                    );
                }
                let html = matches!(ext.as_str(), "html" | "htm")
                    || gongkai_core::input::looks_like_html(&text);
                Ok(Loaded {
                    content: Content::Text { text, html },
                    encoding: Some(encoding),
                })
            }
        }
    }

    /// Reads, decodes and checks the input.
    pub fn check(&self, opts: &Options, max_size: u64) -> Result<Checked, String> {
        let loaded = self.load(max_size)?;
        let encoding = loaded.encoding;
        match loaded.content {
            Content::Docx(bytes) => {
                let report = gongkai_core::check_docx(&bytes, opts)
                    .map_err(|e| format!("cannot read this .docx: {e}"))?;
                Ok(Checked {
                    report,
                    text: String::new(),
                    encoding,
                })
            }
            Content::Text { text, html } => {
                let report = if html {
                    gongkai_core::check_html(&text, opts)
                } else {
                    gongkai_core::check(&text, opts)
                };
                Ok(Checked {
                    report,
                    text,
                    encoding,
                })
            }
        }
    }

    /// The body and year of the report, without checking it (for pairing).
    pub fn identify(&self, max_size: u64) -> Option<Identity> {
        let loaded = self.load(max_size).ok()?;
        Some(match loaded.content {
            Content::Docx(bytes) => gongkai_core::compare::identify(
                &gongkai_core::input::docx::extract_text(&bytes).ok()?,
            ),
            Content::Text { text, html: true } => gongkai_core::compare::identify_html(&text),
            Content::Text { text, html: false } => gongkai_core::compare::identify(&text),
        })
    }
}

fn io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// "100.0 MB", "64 MB", "12 kB" (decimal units).
pub fn human_size(n: u64) -> String {
    if n >= 1_000_000 {
        let mb = n as f64 / 1e6;
        if n.is_multiple_of(1_000_000) {
            format!("{mb:.0} MB")
        } else {
            format!("{mb:.1} MB")
        }
    } else if n >= 1000 {
        format!("{} kB", n / 1000)
    } else {
        format!("{n} bytes")
    }
}
