//! No engine block borrows the golden model's logic: the lockstep runs compare the engine with
//! the golden model, so an engine that called it would compare a thing with itself (the RX SA
//! table once called `recover_xpn`). The RTL may take from `macsec-model` only facts — the
//! register map, and the wire format's and SCI's constants — never its SecY, ciphers, cards or
//! configuration. This scans every source file of the crate for paths into the model.

use std::path::Path;

/// Modules of macsec-model whose items are constants (or, for regmap, the register map).
const ALLOWED: &[&str] = &["regmap", "wire::", "sci::PORT_", "sci::{PORT_"];

fn scan(dir: &Path, bad: &mut Vec<String>, files: &mut usize) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            scan(&p, bad, files);
            continue;
        }
        if p.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        *files += 1;
        let text = std::fs::read_to_string(&p).unwrap();
        // The crate's own unit tests may use the golden model as their oracle.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            let l = line.trim_start();
            if l.starts_with("//") {
                continue;
            }
            let mut rest = l;
            while let Some(k) = rest.find("macsec_model::") {
                let after = &rest[k + "macsec_model::".len()..];
                if !ALLOWED.iter().any(|a| after.starts_with(a)) {
                    bad.push(format!("{}:{}: {}", p.display(), i + 1, l));
                }
                rest = after;
            }
            if l.contains("use macsec_model::{") {
                bad.push(format!(
                    "{}:{}: a grouped import: name each path",
                    p.display(),
                    i + 1
                ));
            }
        }
    }
}

#[test]
fn the_rtl_takes_only_facts_from_the_golden_model() {
    let mut bad = Vec::new();
    let mut files = 0;
    scan(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut bad,
        &mut files,
    );
    assert!(files > 30, "only {files} source files found");
    assert!(
        bad.is_empty(),
        "golden-model code in the RTL:\n{}",
        bad.join("\n")
    );
}
