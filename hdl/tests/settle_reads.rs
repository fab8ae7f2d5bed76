//! `derive(SettleBlock)` runs a block's logic again in the same pass when a local it wrote
//! moved, but not when only an output did: it assumes the logic does not read its own
//! outputs, unless the struct says `#[settle(reads_outputs)]`. A block that read one without
//! saying so would settle on a stale value (a simulation that differs from its Verilog). This
//! scans every block of the crate: each that reads an output it declares carries the
//! attribute, and each that carries it reads one.

use std::path::Path;

struct Block {
    file: String,
    name: String,
    says_it_reads: bool,
    outputs: Vec<String>,
}

fn files(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
}

/// The blocks a file declares with the derive: name, attribute, output fields.
fn blocks(file: &str, text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(k) = rest.find("#[derive(") {
        let after = &rest[k..];
        let end = after.find(")]").unwrap();
        let derive = &after[..end];
        rest = &after[end..];
        if !derive.contains("SettleBlock") {
            continue;
        }
        let s = rest.find("pub struct ").unwrap();
        let says_it_reads = rest[..s].contains("#[settle(reads_outputs)]");
        let decl = &rest[s + "pub struct ".len()..];
        let name: String = decl
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let body = &decl[..decl.find("\n}").unwrap()];
        let outputs = body
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let f = l.strip_prefix("pub ")?;
                let (field, ty) = f.split_once(": ")?;
                ty.starts_with("Signal<Out,").then(|| field.to_string())
            })
            .collect();
        found.push(Block {
            file: file.to_string(),
            name,
            says_it_reads,
            outputs,
        });
    }
    found
}

/// The body of `fn update` in the file's `impl Logic for NAME`.
fn update_body<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = text;
    loop {
        let k = rest.find("impl")?;
        let line_end = rest[k..].find('{')? + k;
        let head = &rest[k..line_end];
        rest = &rest[line_end..];
        let target = head.split_once("Logic for ").map(|(_, t)| {
            t.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        });
        if target.as_deref() != Some(name) {
            continue;
        }
        let u = rest.find("fn update(&mut self)")?;
        let open = rest[u..].find('{')? + u;
        let mut depth = 0;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(&rest[open..open + i]);
                    }
                }
                _ => {}
            }
        }
        return None;
    }
}

#[test]
fn every_block_that_reads_its_outputs_says_so() {
    let mut all = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut all);
    let mut checked = 0;
    let mut readers = 0;
    let mut wrong = Vec::new();
    for (file, text) in &all {
        for b in blocks(file, text) {
            // The update is in the block's file, or in a file beside it (`wiring.rs`).
            let body = update_body(text, &b.name)
                .or_else(|| all.iter().find_map(|(_, t)| update_body(t, &b.name)))
                .unwrap_or_else(|| panic!("{}: no `fn update` for {}", b.file, b.name));
            let read: Vec<&String> = b
                .outputs
                .iter()
                .filter(|o| body.contains(&format!("self.{o}.val()")))
                .collect();
            checked += 1;
            readers += b.says_it_reads as usize;
            if !read.is_empty() && !b.says_it_reads {
                wrong.push(format!(
                    "{}: {} reads its output(s) {read:?} without #[settle(reads_outputs)]",
                    b.file, b.name
                ));
            }
            if read.is_empty() && b.says_it_reads {
                wrong.push(format!(
                    "{}: {} says #[settle(reads_outputs)] but reads none of {:?}",
                    b.file, b.name, b.outputs
                ));
            }
        }
    }
    assert!(
        checked >= 40,
        "only {checked} blocks found: the scan is broken"
    );
    assert!(
        readers > 0,
        "no block reads its outputs: the scan is broken"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
