//! TEMPORARY placeholder until the datatypes branch lands (same API).
#![allow(missing_docs, dead_code)]
use super::model::Builtin;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whitespace {
    Preserve,
    Replace,
    Collapse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexicalError {
    pub expected: &'static str,
}

pub fn whitespace(b: Builtin) -> Whitespace {
    match b {
        Builtin::String => Whitespace::Preserve,
        Builtin::NormalizedString => Whitespace::Replace,
        _ => Whitespace::Collapse,
    }
}
pub fn normalize(ws: Whitespace, raw: &str) -> Cow<'_, str> {
    match ws {
        Whitespace::Preserve => Cow::Borrowed(raw),
        Whitespace::Replace => Cow::Owned(raw.replace(['\t', '\n', '\r'], " ")),
        Whitespace::Collapse => Cow::Owned(raw.split_ascii_whitespace().collect::<Vec<_>>().join(" ")),
    }
}
pub fn check(_b: Builtin, _value: &str) -> Result<(), LexicalError> {
    Ok(())
}
pub fn compare(_b: Builtin, _a: &str, _b2: &str) -> Option<std::cmp::Ordering> {
    None
}
pub fn length(_b: Builtin, v: &str) -> usize {
    v.chars().count()
}
pub fn compile_pattern(p: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(&format!("^(?:{p})$")).map_err(|e| e.to_string())
}
