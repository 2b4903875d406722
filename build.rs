//! Embeds the Gherkin features and every corpus folder (manifest and documents) into the binary, so that an installed
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
    println!("cargo:rerun-if-changed=corpus");
    println!("cargo:rerun-if-changed=build.rs");
    let mut code = String::new();
    table("FEATURES", &dir.join("features"), "feature", false, &mut code);
    // Every corpus folder with a manifest: its manifest and its valid and invalid documents.
    let root = dir.join("corpus");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("manifest.toml").is_file()).collect())
        .unwrap_or_default();
    folders.sort();
    let _ =
        writeln!(code, "/// An embedded corpus folder: (folder name, manifest text, documents by `valid/NAME.xml`).");
    let _ = writeln!(
        code,
        "pub type CorpusFolder = (&'static str, &'static str, &'static [(&'static str, &'static [u8])]);"
    );
    let _ = writeln!(code, "/// Every corpus folder.");
    let _ = writeln!(code, "pub static CORPORA: &[CorpusFolder] = &[");
    for f in folders {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for sub in ["manifest.toml", "valid", "invalid"] {
            println!("cargo:rerun-if-changed={}", f.join(sub).display());
        }
        let manifest = f.join("manifest.toml").display().to_string();
        let _ = writeln!(code, "    ({name:?}, include_str!({manifest:?}), &[");
        for sub in ["valid", "invalid"] {
            let mut list = Vec::new();
            files(&f.join(sub), "xml", &mut list);
            for p in list {
                let rel = p.strip_prefix(&f).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
                let _ = writeln!(code, "        ({rel:?}, include_bytes!({:?})),", p.display().to_string());
            }
        }
        let _ = writeln!(code, "    ]),");
    }
    let _ = writeln!(code, "];");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("embedded.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
