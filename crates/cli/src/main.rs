//! `gongkai`: checks 政府信息公开工作年度报告 files from the command line.
//!
//! ```text
//! gongkai check [--format human|json] [--lang zh|en] [--template 2021|2019] FILE...
//! ```
//!
//! Reads .txt / .md (UTF-8), .html / .htm and .docx files, prints every
//! finding, and exits 1 when any error is found, 2 when a file could not be
//! read (the others are still checked), 0 otherwise.

use gongkai_core::{Lang, Options, Report, Severity, Template};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "\
gongkai — checks 政府信息公开工作年度报告 against the official template

Usage:
  gongkai check [OPTIONS] FILE...

Options:
  --format human|json   output format (default: human)
  --lang zh|en          language of messages (default: zh)
  --template 2021|2019  read the tables as this format instead of recognising it
  -h, --help            print this help
  -V, --version         print the version

Files: .txt and .md (UTF-8), .html/.htm, .docx.
Exit status: 0 no error, 1 an error was found, 2 a file could not be read.";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Human,
    Json,
}

struct Args {
    format: Format,
    opts: Options,
    files: Vec<String>,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut args = Args {
        format: Format::Human,
        opts: Options::default(),
        files: Vec::new(),
    };
    let mut command = None;
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match key.as_str() {
            "-h" | "--help" => return Ok(None),
            "-V" | "--version" => {
                println!("gongkai {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            "--format" => {
                args.format = match value("--format")?.as_str() {
                    "human" => Format::Human,
                    "json" => Format::Json,
                    f => return Err(format!("unknown format “{f}” (human, json)")),
                }
            }
            "--lang" => {
                let v = value("--lang")?;
                args.opts.lang =
                    Lang::parse(&v).ok_or(format!("unknown language “{v}” (zh, en)"))?;
            }
            "--template" => {
                let v = value("--template")?;
                args.opts.template = Some(
                    Template::parse(&v)
                        .filter(|t| *t != Template::Unknown)
                        .ok_or(format!("unknown template “{v}” (2021, 2019)"))?,
                );
            }
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}")),
            _ if command.is_none() => {
                if a != "check" {
                    return Err(format!("unknown command “{a}” (check)"));
                }
                command = Some(a);
            }
            _ => args.files.push(a),
        }
    }
    if command.is_none() || args.files.is_empty() {
        return Err("nothing to check".into());
    }
    Ok(Some(args))
}

/// Reads and checks one file.
fn check_file(path: &str, opts: &Options) -> Result<Report, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "docx" => gongkai_core::check_docx(&bytes, opts).map_err(|e| e.to_string()),
        _ => {
            let text = String::from_utf8(bytes).map_err(|e| {
                format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                )
            })?;
            Ok(if matches!(ext.as_str(), "html" | "htm") {
                gongkai_core::check_html(&text, opts)
            } else {
                gongkai_core::check_auto(&text, opts)
            })
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("gongkai: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut unreadable = false;
    let mut errors = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut json_files = Vec::new();
    for path in &args.files {
        match check_file(path, &args.opts) {
            Ok(report) => {
                errors |= report
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Error);
                match args.format {
                    Format::Json => {
                        // Serialised directly (not through a Value) so that
                        // keys keep the contract's order.
                        let file = FileResult {
                            path,
                            report: &report,
                        };
                        json_files.push(serde_json::to_string(&file).expect("serialisable"));
                    }
                    Format::Human => {
                        let _ = write_human(&mut out, path, &report);
                    }
                }
            }
            Err(e) => {
                unreadable = true;
                eprintln!("gongkai: {path}: {e}");
                if args.format == Format::Json {
                    let v = serde_json::json!({ "path": path, "error": e });
                    json_files.push(v.to_string());
                }
            }
        }
    }
    if args.format == Format::Json {
        let _ = writeln!(out, "{{\"files\":[{}]}}", json_files.join(","));
    }
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One file's entry in the JSON output: its path, then the report model.
#[derive(serde::Serialize)]
struct FileResult<'a> {
    path: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

fn write_human(out: &mut impl Write, path: &str, r: &Report) -> std::io::Result<()> {
    let (e, w, i) = r.counts();
    writeln!(
        out,
        "{path}: {} 年度, 模板 {}, {e} error(s), {w} warning(s), {i} info",
        r.year.map_or("?".to_string(), |y| y.to_string()),
        r.template.as_str(),
    )?;
    for d in &r.diagnostics {
        writeln!(
            out,
            "{path}:{}:{}: {}[{}] {}",
            d.span.line,
            d.span.column,
            d.severity.as_str(),
            d.code,
            d.message
        )?;
    }
    Ok(())
}
