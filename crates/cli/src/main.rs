//! `gongkai`: checks 政府信息公开工作年度报告 by the hundred from the command
//! line.
//!
//! ```text
//! gongkai check [OPTIONS] PATH...      findings: human, short, json, sarif, csv
//! gongkai extract [OPTIONS] PATH...    every figure, one row per report: csv, json
//! ```
//!
//! PATHs are files (any extension), folders (searched recursively for .txt,
//! .md, .html, .htm and .docx) or `-` for standard input. Files are read in
//! any encoding a Chinese Windows machine writes (see `decode`), checked on
//! every core, and their results written in input order as soon as each is
//! ready. Exit status: 0 clean, 1 a finding at the denied level, 2 a file
//! could not be read (every other file is still checked).

mod csvout;
mod decode;
mod extract;
mod human;
mod input;
mod json;
mod runner;
mod sarif;
mod shared;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gongkai_core::compare::{self, Identity};
use gongkai_core::{Lang, Options, Report, Severity, Template};
use input::{Checked, Input};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Checks 政府信息公开工作年度报告 against the official template (国办公开办函〔2021〕30号 / 2019 format)",
    after_help = "Exit status: 0 clean, 1 a finding at the denied level, 2 a file could not be read (the others are still checked)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports and print every finding
    Check(CheckArgs),
    /// Print every figure of every report, one row per report
    Extract(ExtractArgs),
    /// Explain a rule (its documentation, as in docs/rules.md), or list them all
    Rule(RuleArgs),
}

#[derive(Args)]
struct RuleArgs {
    /// The rule's id, as printed with each finding (e.g. applications.row-sum); none lists every rule
    #[arg(value_name = "ID")]
    id: Option<String>,
}

#[derive(Args)]
struct Common {
    /// Files, folders (searched recursively for .txt .md .html .htm .docx), or - for standard input
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Language of messages
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
    /// Read the tables as this format instead of recognising it
    #[arg(long, value_enum)]
    template: Option<TemplateArg>,
    /// Files checked at once (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Files larger than this many MB are reported, not read
    #[arg(long, value_name = "MB", default_value_t = 64)]
    max_size: u64,
}

impl Common {
    fn options(&self) -> Options {
        Options {
            lang: match self.lang {
                LangArg::Zh => Lang::Zh,
                LangArg::En => Lang::En,
            },
            template: self.template.map(|t| match t {
                TemplateArg::V2021 => Template::V2021,
                TemplateArg::V2019 => Template::V2019,
            }),
        }
    }

    fn jobs(&self) -> usize {
        self.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }

    fn max_bytes(&self) -> u64 {
        self.max_size.saturating_mul(1_000_000)
    }
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// Leave out findings below this severity (from the output and the exit status)
    #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
    min_severity: MinSeverity,
    /// Exit 1 also when there are warnings
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// Print only the closing summary (human formats) and no progress
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Last year's report: compare every PATH with it (上年结转, 现行有效件数)
    #[arg(long, value_name = "LAST")]
    previous: Option<String>,
    /// Do not pair the reports of the same body for consecutive years
    #[arg(long)]
    no_pair: bool,
}

#[derive(Args)]
struct ExtractArgs {
    #[command(flatten)]
    common: Common,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ExtractFormat::Csv)]
    format: ExtractFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateArg {
    #[value(name = "2021")]
    V2021,
    #[value(name = "2019")]
    V2019,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum CheckFormat {
    /// Each finding like a compiler diagnostic, with the source lines
    Human,
    /// One line per finding: PATH:LINE:COLUMN: severity[code] message
    Short,
    /// {"files":[{"path":…, "encoding":…, …the report model…}]}
    Json,
    /// SARIF 2.1.0 (GitHub code scanning, editors)
    Sarif,
    /// One row per finding
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum MinSeverity {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(a) => check(a),
        Command::Extract(a) => extract(a),
        Command::Rule(a) => rule(a),
    }
}

/// `gongkai rule [ID]`: the documentation every finding links to.
fn rule(args: RuleArgs) -> ExitCode {
    use gongkai_core::rules::REGISTRY;
    let mut out = String::new();
    match args.id {
        None => {
            for r in REGISTRY {
                out += &format!("{:<34} {:<8} {}\n", r.code, r.severity.as_str(), r.summary);
            }
        }
        Some(id) => match REGISTRY.iter().find(|r| r.code == id.trim()) {
            Some(r) => {
                out += &format!("# {}\n\nSeverity: {}.\n\n", r.code, r.severity.as_str());
                out += &r.markdown();
                out.push('\n');
            }
            None => {
                eprintln!("gongkai: no rule {id:?}; `gongkai rule` lists them");
                return ExitCode::from(2);
            }
        },
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

/// What one file's check hands to the writer.
#[derive(Default)]
struct Outcome {
    /// The file's part of the output.
    chunk: Vec<u8>,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Why the file could not be read.
    unreadable: Option<String>,
    /// A remark for standard error.
    note: Option<String>,
}

/// Last year's report for a file: its name and check.
type Previous = (String, Arc<Checked>);

fn check(args: CheckArgs) -> ExitCode {
    let opts = args.common.options();
    let lang = opts.lang;
    let max = args.common.max_bytes();
    let jobs = args.common.jobs();
    let inputs = input::expand(&args.common.paths, max);
    let n = inputs.len();
    let format = args.format;
    let min = match args.min_severity {
        MinSeverity::Info => Severity::Info,
        MinSeverity::Warning => Severity::Warning,
        MinSeverity::Error => Severity::Error,
    };
    let human = human::Human {
        color: format == CheckFormat::Human
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        lang,
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(140),
    };

    // Last year's report, given.
    let mut unreadable: Vec<(String, String)> = Vec::new();
    let mut lead = String::new();
    let given_previous: Option<Previous> = match &args.previous {
        None => None,
        Some(p) => {
            let inp = Input {
                name: p.clone(),
                source: input::Source::File(p.into()),
            };
            match inp.check(&opts, max) {
                Ok(c) => Some((p.clone(), Arc::new(c))),
                Err(e) => {
                    eprintln!("gongkai: {p}: {e}");
                    lead = error_chunk(format, p, &e);
                    unreadable.push((p.clone(), e));
                    None
                }
            }
        }
    };
    // Or paired within the batch (cheap: titles and years only).
    let mut previous_of: Vec<Option<usize>> = vec![None; n];
    if args.previous.is_none() && !args.no_pair && n > 1 {
        let mut ids: Vec<((), Identity)> = Vec::with_capacity(n);
        runner::ordered(
            n,
            jobs,
            |i| inputs[i].identify(max).unwrap_or_default(),
            |_, id| {
                ids.push(((), id));
                true
            },
        );
        for (p, c) in compare::pair_identities(&ids) {
            previous_of[c] = Some(p);
        }
    }

    // A report paired as another's last year's is checked once for both
    // (it was checked again for the comparison): a few reports kept at a
    // time, enough for a batch laid out by body, where a report and last
    // year's are neighbours.
    let mut uses = vec![1; n];
    for &p in previous_of.iter().flatten() {
        uses[p] += 1;
    }
    let checks = shared::Shared::new(uses, 4 * jobs);
    let check_input = |i: usize| -> Result<Arc<Checked>, String> {
        (*checks.get(i, || guarded(|| inputs[i].check(&opts, max)).map(Arc::new))).clone()
    };

    let work = |i: usize| -> Outcome {
        let inp = &inputs[i];
        let checked = check_input(i).map(|c| Arc::try_unwrap(c).unwrap_or_else(|c| (*c).clone()));
        let mut c = match checked {
            Ok(c) => c,
            Err(e) => {
                if let Some(j) = previous_of[i] {
                    checks.skip(j);
                }
                return Outcome {
                    chunk: if args.quiet && is_human(format) {
                        Vec::new()
                    } else {
                        error_chunk(format, &inp.name, &e).into_bytes()
                    },
                    unreadable: Some(e),
                    ..Default::default()
                };
            }
        };
        let mut note = None;
        let mut prev: Option<Previous> = match (&given_previous, previous_of[i]) {
            (Some(p), _) => Some(p.clone()),
            (None, Some(j)) => check_input(j).ok().map(|p| (inputs[j].name.clone(), p)),
            _ => None,
        };
        if let Some((pname, p)) = &prev {
            if let (Some(py), Some(cy)) = (p.report.year, c.report.year) {
                if py + 1 != cy {
                    note = Some(lang.pick(
                        format!(
                            "{}：上年报告 {pname} 是 {py} 年度的，不是 {} 年度的：未比对",
                            inp.name,
                            cy - 1
                        ),
                        format!(
                            "{}: last year's report {pname} is for {py}, not {}: not compared",
                            inp.name,
                            cy - 1
                        ),
                    ));
                }
            }
        }
        if note.is_some() {
            prev = None;
        }
        if let Some((_, p)) = &prev {
            let mut extra = compare::compare(&p.report, &c.report, lang);
            if !extra.is_empty() {
                let d = &mut c.report.diagnostics;
                d.append(&mut extra);
                d.sort_by_key(|d| (d.span.start, d.span.end, d.code));
            }
        }
        c.report.diagnostics.retain(|d| d.severity >= min);
        let (errors, warnings, infos) = c.report.counts();
        let prev_ref = prev.as_ref().map(|(n, p)| (n.as_str(), &**p));
        let chunk = match format {
            CheckFormat::Human | CheckFormat::Short if args.quiet => Vec::new(),
            CheckFormat::Human => (human.header(&inp.name, &c, prev_ref.map(|p| p.0))
                + &human.findings(&inp.name, &c, prev_ref))
                .into_bytes(),
            CheckFormat::Short => short(&inp.name, &c.report).into_bytes(),
            CheckFormat::Json => json_file(&inp.name, &c, prev_ref.map(|p| p.0)),
            CheckFormat::Sarif => sarif::results(&inp.name, &c, prev_ref),
            CheckFormat::Csv => csvout::check_rows(&inp.name, &c).into_bytes(),
        };
        Outcome {
            chunk,
            errors,
            warnings,
            infos,
            unreadable: None,
            note,
        }
    };

    let mut out = std::io::BufWriter::with_capacity(1 << 16, output());
    let mut progress = runner::Progress::new(n, !args.quiet);
    let mut ok = true;
    let mut put = |out: &mut dyn Write, s: &[u8]| {
        if ok && out.write_all(s).is_err() {
            ok = false;
        }
        ok
    };
    match format {
        CheckFormat::Json => put(&mut out, b"{\"files\":["),
        CheckFormat::Sarif => put(&mut out, sarif::opening().as_bytes()),
        CheckFormat::Csv => put(&mut out, csvout::check_header().as_bytes()),
        _ => true,
    };
    let mut first = true;
    if !lead.is_empty() {
        put(&mut out, lead.as_bytes());
        first = false;
    }
    let separated = matches!(format, CheckFormat::Json | CheckFormat::Sarif);
    let mut totals = Outcome::default();
    let mut files_with_errors = 0;
    let to_terminal = is_human(format) && std::io::stdout().is_terminal();
    runner::ordered(n, jobs, work, |i, o| {
        if o.unreadable.is_some() || o.note.is_some() || (to_terminal && !o.chunk.is_empty()) {
            progress.clear();
        }
        if let Some(e) = &o.unreadable {
            eprintln!("gongkai: {}: {e}", inputs[i].name);
            unreadable.push((inputs[i].name.clone(), e.clone()));
        }
        if let Some(note) = &o.note {
            eprintln!("gongkai: {note}");
        }
        if !o.chunk.is_empty() {
            if separated && !first {
                put(&mut out, b",");
            }
            first = false;
            put(&mut out, &o.chunk);
        }
        if is_human(format) {
            // A terminal reader sees each file as soon as it is checked.
            let _ = out.flush();
        }
        totals.errors += o.errors;
        totals.warnings += o.warnings;
        totals.infos += o.infos;
        files_with_errors += usize::from(o.errors > 0);
        progress.tick();
        put(&mut out, b"")
    });
    drop(progress);
    match format {
        CheckFormat::Json => put(&mut out, b"]}\n"),
        CheckFormat::Sarif => put(&mut out, (sarif::closing(&unreadable) + "\n").as_bytes()),
        _ => true,
    };
    let summary = summary(lang, n, files_with_errors, &totals, unreadable.len());
    if is_human(format) {
        if args.quiet || (format == CheckFormat::Human && n > 1) {
            put(&mut out, summary.as_bytes());
        }
    } else if !args.quiet && std::io::stderr().is_terminal() {
        eprint!("{summary}");
    }
    if out.flush().is_err() {
        ok = false;
    }
    let _ = ok; // A closed pipe ends the output; the status still says what was found.
    if !unreadable.is_empty() {
        ExitCode::from(2)
    } else if totals.errors > 0 || (args.deny.is_some() && totals.warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Standard output, unbuffered by the standard library: its `Stdout` is
/// line-buffered, which searches every block written for its last line
/// break — the whole output again, since a JSON or SARIF batch is one line.
/// The callers buffer it themselves. On Unix it is a duplicate of the file
/// descriptor; elsewhere (a Windows console wants `Stdout`'s conversion to
/// UTF-16) and when it cannot be duplicated (closed), `Stdout` itself.
fn output() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout().lock())
}

/// Runs one file's check; a panic in it (a bug) becomes that file's error
/// instead of ending the batch. (Release builds use `panic = "abort"`, set
/// for the whole workspace: there a panic still ends the process.)
fn guarded(f: impl FnOnce() -> Result<Checked, String>) -> Result<Checked, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!(
            "internal error while checking this file ({what}): please report it"
        ))
    })
}

fn is_human(f: CheckFormat) -> bool {
    matches!(f, CheckFormat::Human | CheckFormat::Short)
}

/// The output of a file that could not be read, in each format.
fn error_chunk(format: CheckFormat, name: &str, e: &str) -> String {
    match format {
        CheckFormat::Human | CheckFormat::Short | CheckFormat::Sarif => String::new(),
        CheckFormat::Json => serde_json::json!({ "path": name, "error": e }).to_string(),
        CheckFormat::Csv => csvout::check_error(name, e),
    }
}

fn summary(lang: Lang, n: usize, with_errors: usize, t: &Outcome, unreadable: usize) -> String {
    lang.pick(
        format!(
            "共 {n} 个文件：{with_errors} 个有错误；{} 个错误，{} 个警告，{} 条提示；{unreadable} 个无法读取\n",
            t.errors, t.warnings, t.infos
        ),
        format!(
            "{n} file(s): {with_errors} with errors; {} error(s), {} warning(s), {} info; {unreadable} unreadable\n",
            t.errors, t.warnings, t.infos
        ),
    )
}

fn short(name: &str, r: &Report) -> String {
    let mut s = String::new();
    for d in &r.diagnostics {
        s += &format!(
            "{name}:{}:{}: {}[{}] {}\n",
            d.span.line,
            d.span.column,
            d.severity.as_str(),
            d.code,
            d.message
        );
    }
    s
}

/// One file's entry in the JSON output: its path and encoding (and last
/// year's report it was compared with), then the keys of the report model
/// in the contract's order. The model is written by `json::write_report`
/// (the bytes serde_json writes, without its per-byte escaping of every
/// key) and spliced in after the file's own keys (serde's `flatten` goes
/// through a generic map and costs more than the rest of the output
/// together), into the buffer the entry is handed over in: no intermediate
/// string, no copy.
fn json_file(name: &str, c: &Checked, previous: Option<&str>) -> Vec<u8> {
    // About three bytes of JSON per byte of text: room enough, most times,
    // to write the entry without growing the buffer.
    let mut s = Vec::with_capacity(3 * c.source().len() + 1024);
    s.extend_from_slice(b"{\"path\":");
    json::string(&mut s, name);
    s.extend_from_slice(b",\"encoding\":");
    match c.encoding {
        Some(e) => json::string(&mut s, e),
        None => s.extend_from_slice(b"null"),
    }
    if let Some(p) = previous {
        s.extend_from_slice(b",\"previous\":");
        json::string(&mut s, p);
    }
    let keys = s.len();
    json::write_report(&c.report, &mut s);
    // The report's object, opened after the file's keys: its `{` becomes a
    // comma (or, were it empty, the file's `}`).
    if s.len() - keys == 2 {
        s.truncate(keys);
        s.push(b'}');
    } else {
        s[keys] = b',';
    }
    s
}

fn extract(args: ExtractArgs) -> ExitCode {
    let opts = args.common.options();
    let max = args.common.max_bytes();
    let inputs = input::expand(&args.common.paths, max);
    let n = inputs.len();
    let cells = extract::cells();
    let work = |i: usize| -> (String, Option<String>) {
        let inp = &inputs[i];
        let c = guarded(|| inp.check(&opts, max));
        let chunk = match (args.format, &c) {
            (ExtractFormat::Csv, Ok(c)) => extract::csv_row(&inp.name, c, &cells),
            (ExtractFormat::Csv, Err(e)) => extract::csv_error(&inp.name, e, &cells),
            (ExtractFormat::Json, c) => {
                extract::json_object(&inp.name, c.as_ref().map_err(String::as_str), &cells)
            }
        };
        (chunk, c.err())
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, output());
    let mut progress = runner::Progress::new(n, true);
    let mut failed = 0;
    let mut ok = match args.format {
        ExtractFormat::Csv => out.write_all(extract::csv_header(&cells).as_bytes()),
        ExtractFormat::Json => out.write_all(b"["),
    }
    .is_ok();
    runner::ordered(n, args.common.jobs(), work, |i, (chunk, err)| {
        if let Some(e) = err {
            progress.clear();
            eprintln!("gongkai: {}: {e}", inputs[i].name);
            failed += 1;
        }
        let sep = if matches!(args.format, ExtractFormat::Json) && i > 0 {
            ","
        } else {
            ""
        };
        ok = ok && out.write_all(sep.as_bytes()).is_ok() && out.write_all(chunk.as_bytes()).is_ok();
        progress.tick();
        ok
    });
    drop(progress);
    if matches!(args.format, ExtractFormat::Json) {
        let _ = out.write_all(b"]\n");
    }
    let _ = out.flush();
    if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    /// A file's JSON entry: its own keys first, then the model's, in one
    /// object (the model's `{` spliced away).
    #[test]
    fn a_json_entry_is_the_file_s_keys_then_the_model_s() {
        let text = "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n";
        let report = gongkai_core::check(text, &gongkai_core::Options::default());
        let c = super::Checked {
            report,
            text: text.into(),
            encoding: Some("UTF-8"),
        };
        for previous in [None, Some("去年.txt")] {
            let entry = super::json_file("a\"b.txt", &c, previous);
            let mut want = serde_json::json!({ "path": "a\"b.txt", "encoding": "UTF-8" });
            if let Some(p) = previous {
                want["previous"] = p.into();
            }
            let model = serde_json::to_value(&c.report).unwrap();
            want.as_object_mut()
                .unwrap()
                .extend(model.as_object().unwrap().clone());
            let got: serde_json::Value = serde_json::from_slice(&entry).expect("one JSON value");
            assert_eq!(got, want);
            assert!(entry.starts_with(b"{\"path\":\"a\\\"b.txt\",\"encoding\":\"UTF-8\","));
        }
    }

    /// A bug met on one file becomes that file's error (the release profile
    /// unwinds for this; only the wasm profile aborts).
    #[test]
    fn a_panic_is_the_file_s_error() {
        let r = super::guarded(|| panic!("boom"));
        let e = r.err().expect("an error");
        assert!(e.contains("internal error") && e.contains("boom"), "{e}");
    }
}
