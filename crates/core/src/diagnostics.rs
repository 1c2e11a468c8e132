//! Diagnostics: what a rule reports, located in the caller's text.

use crate::decimal::Decimal;
use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advice that changes no figure.
    Info,
    /// Probably wrong; a person must judge.
    Warning,
    /// A relation the template states, or a fact stated twice, does not
    /// hold; or a required cell, row or section is missing or unreadable.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the message in this language.
    pub fn pick(self, zh: String, en: String) -> String {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Builds only the message in this language.
    pub fn pick_with(self, zh: impl FnOnce() -> String, en: impl FnOnce() -> String) -> String {
        match self {
            Lang::Zh => zh(),
            Lang::En => en(),
        }
    }
}

/// Another place that takes part in a finding.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Related {
    pub span: Span,
    /// What is there, e.g. "本年新收 51".
    pub label: String,
}

/// An edit that provably repairs the finding.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `applications.column-balance`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub related: Vec<Related>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: String, span: Span) -> Self {
        Diagnostic {
            code,
            severity,
            message,
            span,
            related: Vec::new(),
            expected: None,
            actual: None,
            fix: None,
        }
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }

    pub fn numbers(mut self, expected: Decimal, actual: Decimal) -> Self {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }

    /// Every span of the finding: its own, then the related ones.
    pub fn spans(&self) -> impl Iterator<Item = &Span> {
        std::iter::once(&self.span).chain(self.related.iter().map(|r| &r.span))
    }

    pub(crate) fn for_each_span_mut<F: FnMut(&mut Span) + ?Sized>(&mut self, f: &mut F) {
        f(&mut self.span);
        for r in &mut self.related {
            f(&mut r.span);
        }
        if let Some(fix) = &mut self.fix {
            f(&mut fix.span);
        }
    }
}
