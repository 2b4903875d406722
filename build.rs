//! Embeds the Gherkin features and the RID corpus messages into the binary, so that an installed
//! `mile check` needs no source tree.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(root: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(root) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

fn table(name: &str, root: &Path, ext: &str, bytes: bool, code: &mut String) {
    let mut list = Vec::new();
    files(root, ext, &mut list);
    let _ = writeln!(code, "/// Embedded `{}` files: (path relative to its root, text).", ext);
    let (ty, mac) = if bytes { ("&[u8]", "include_bytes") } else { ("&str", "include_str") };
    let _ = writeln!(code, "pub static {name}: &[(&str, {ty})] = &[");
    for p in list {
        let rel = p.strip_prefix(root).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let _ = writeln!(code, "    ({rel:?}, {mac}!({:?})),", p.display().to_string());
    }
    let _ = writeln!(code, "];");
}

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    println!("cargo:rerun-if-changed=features");
    println!("cargo:rerun-if-changed=corpus/rid/valid");
    println!("cargo:rerun-if-changed=corpus/rid/invalid");
    println!("cargo:rerun-if-changed=corpus/rid/manifest.toml");
    println!("cargo:rerun-if-changed=build.rs");
    let mut code = String::new();
    table("FEATURES", &dir.join("features"), "feature", false, &mut code);
    let mut rid = String::new();
    table("RID_VALID", &dir.join("corpus/rid/valid"), "xml", true, &mut rid);
    table("RID_INVALID", &dir.join("corpus/rid/invalid"), "xml", true, &mut rid);
    code.push_str(&rid);
    let manifest = dir.join("corpus/rid/manifest.toml");
    let _ = writeln!(code, "/// The RID corpus manifest.");
    let _ = writeln!(code, "pub static RID_MANIFEST: &str = include_str!({:?});", manifest.display().to_string());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("embedded.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
