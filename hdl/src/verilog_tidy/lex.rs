//! Reading the Verilog for the tidy pass: a line as tokens that rebuild it exactly, and the
//! declared width of every signal of a module.

use std::collections::HashMap;

/// One token of a line: an identifier, a sized literal, an operator, or anything else
/// (whitespace and punctuation kept as they are, so the line rebuilds exactly).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Id(String),
    Lit { bits: usize, val: u128 },
    Op(String),
    Space(String),
}

impl Tok {
    pub(super) fn text(&self) -> String {
        match self {
            Tok::Id(s) | Tok::Op(s) | Tok::Space(s) => s.clone(),
            Tok::Lit { bits, val } => literal(*bits, *val),
        }
    }
}

pub(super) fn literal(bits: usize, val: u128) -> String {
    format!("{bits}'h{val:x}")
}

pub(super) fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

pub(super) fn tokens(line: &str) -> Vec<Tok> {
    let c: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let start = i;
        if c[i].is_whitespace() {
            while i < c.len() && c[i].is_whitespace() {
                i += 1;
            }
            out.push(Tok::Space(c[start..i].iter().collect()));
        } else if c[i].is_ascii_digit() {
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            let digits: String = c[start..i].iter().collect();
            // A sized hex literal: digits, 'h, hex digits.
            if i + 1 < c.len() && c[i] == '\'' && c[i + 1] == 'h' {
                let mut j = i + 2;
                while j < c.len() && c[j].is_ascii_hexdigit() {
                    j += 1;
                }
                let hex: String = c[i + 2..j].iter().collect();
                if let (Ok(bits), Ok(val)) = (digits.parse(), u128::from_str_radix(&hex, 16)) {
                    out.push(Tok::Lit { bits, val });
                    i = j;
                    continue;
                }
            }
            out.push(Tok::Op(digits));
        } else if ident_char(c[i]) {
            while i < c.len() && ident_char(c[i]) {
                i += 1;
            }
            out.push(Tok::Id(c[start..i].iter().collect()));
        } else {
            let two: String = c[i..(i + 2).min(c.len())].iter().collect();
            let op = ["==", "!=", "<=", ">=", "&&", "||", "<<", ">>"]
                .iter()
                .find(|o| **o == two);
            i += op.map_or(1, |o| o.len());
            out.push(Tok::Op(c[start..i].iter().collect()));
        }
    }
    out
}

/// The declared width of every signal in a module's text (`[H:L] name` or a 1-bit name), as
/// rust-hdl and the hand-written bodies declare them; signed ones are left out.
pub(super) fn widths(module: &str) -> HashMap<String, usize> {
    let mut w = HashMap::new();
    for line in module.lines() {
        let t = line.trim_start();
        // `localparam  name = W'hV;`, as rust-hdl declares a block's constants.
        if let Some((name, bits)) = localparam(t) {
            w.insert(name, bits);
            continue;
        }
        let Some(rest) = ["input wire", "output reg", "output wire", "reg", "wire"]
            .iter()
            .find_map(|k| t.strip_prefix(k).filter(|r| r.starts_with([' ', '['])))
        else {
            continue;
        };
        let rest = rest.trim_start();
        if rest.starts_with("signed") {
            continue;
        }
        let (bits, names) = match rest.strip_prefix('[') {
            Some(r) => {
                let Some((range, names)) = r.split_once(']') else {
                    continue;
                };
                let Some((h, l)) = range.split_once(':') else {
                    continue;
                };
                match (h.trim().parse::<usize>(), l.trim().parse::<usize>()) {
                    (Ok(h), Ok(0)) => (h + 1, names),
                    _ => continue,
                }
            }
            None => (1, rest),
        };
        // `reg a, b;` — but not `wire x = …;` (its name is all that is declared) nor arrays.
        let decl = names.split(['=', ';']).next().unwrap_or("");
        if names.contains('[') {
            continue;
        }
        for n in decl.split(',') {
            let n = n.trim();
            if !n.is_empty() && n.chars().all(ident_char) {
                w.insert(n.to_string(), bits);
            }
        }
    }
    w
}

/// A sized `localparam`'s name and width.
pub(super) fn localparam(t: &str) -> Option<(String, usize)> {
    let (name, value) = t.strip_prefix("localparam")?.split_once('=')?;
    let name = name.trim();
    let (bits, _) = value.trim().split_once('\'')?;
    let bits = bits.parse().ok()?;
    name.chars()
        .all(ident_char)
        .then(|| (name.to_string(), bits))
}
