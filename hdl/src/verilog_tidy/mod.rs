//! Sizing rust-hdl's literals in the exported Verilog, so `verilator -Wall` needs no WIDTH waiver.
//!
//! rust-hdl 0.46 writes every integer literal of a block's `update` as 32 bits (`32'h2`) and a
//! width cast as a mask (`((x) & 5'h1f)`), whatever the width of the signal beside it. Verilog
//! zero-extends either way, so the meaning is right, but each one is a WIDTH warning, and a
//! file full of harmless ones hides the one that is a bug. This pass rewrites, within each
//! module and knowing the width of every signal declared there, only forms whose value cannot
//! change:
//! - a whole statement `x = E;` (or `<=`) whose E is made of `+ - & | ^ ~`, parentheses,
//!   signals and literals: only the low width(x) bits of E are kept, and those bits of such an
//!   expression depend only on the same bits of its operands, so E is written at width(x) —
//!   wider signals sliced, narrower ones zero-extended explicitly, literals sized (when a
//!   literal does not fit, the statement is left alone);
//! - `x OP 32'hV` for a comparison OP, when nothing binding tighter than OP touches either
//!   side and V fits in x: V sized to x (both sides unsigned, so the comparison is the same);
//! - a widening cast `((y) & W'hMASK)` of a narrower y anywhere: `{K'h0, y}`, which has the
//!   cast's width and value, so no context can tell them apart.
//!
//! Anything else is left as written, so what Verilator still reports is real, and the tidied
//! file is the one every simulation of the Verilog (Verilator, Icarus) and Yosys reads.

use std::collections::HashMap;

mod lex;
use lex::{literal, tokens, widths, Tok};

const COMPARE: &[&str] = &["==", "!=", "<", ">", "<=", ">="];
/// What may stand before `x OP lit` without binding tighter than a comparison.
/// (Not `<=`: as a comparison it binds tighter than `==`.)
const BEFORE: &[&str] = &["(", "=", "&&", "||", "&", "|", "^", "?", ":", ","];
const AFTER: &[&str] = &[")", ";", "&&", "||", "&", "|", "^", "?", ":", ","];

fn is_op(t: Option<&&Tok>, set: &[&str]) -> bool {
    matches!(t, Some(Tok::Op(o)) if set.contains(&o.as_str()))
}

/// `((y) & W'hMASK)` starting at `k` (indexes into the solid tokens): (y, W, end index).
fn cast_at(s: &[&Tok], k: usize) -> Option<(String, usize, usize)> {
    let op = |i: usize, o: &str| matches!(s.get(i), Some(Tok::Op(x)) if x == o);
    if !(op(k, "(") && op(k + 1, "(") && op(k + 3, ")") && op(k + 4, "&") && op(k + 6, ")")) {
        return None;
    }
    let Some(Tok::Id(y)) = s.get(k + 2) else {
        return None;
    };
    let Some(Tok::Lit { bits, val }) = s.get(k + 5) else {
        return None;
    };
    (*bits < 128 && *val == (1u128 << bits) - 1).then(|| (y.clone(), *bits, k + 6))
}

/// The low `bits` bits of the expression `s[from..to]` written at that width, if it is made
/// only of operators whose low bits depend only on their operands' low bits (`+ - & | ^ ~` and
/// parentheses), signals and literals: wider signals become `y[W-1:0]`, narrower ones
/// `{K'h0, y}` (as the context would extend them), literals `W'hV`. Returns the text for each
/// token, or None when anything else appears, a literal does not fit, or nothing would change.
fn low_bits(
    s: &[&Tok],
    from: usize,
    to: usize,
    bits: usize,
    w: &HashMap<String, usize>,
) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut changed = false;
    for (n, t) in s[from..to].iter().enumerate() {
        // Where an operand is expected (first, or after an operator other than `)`), `&`, `|`
        // and `^` are reductions, whose one bit depends on every bit of their operand.
        let operand_next = n == 0 || matches!(s[from + n - 1], Tok::Op(p) if p != ")");
        let text = match t {
            Tok::Op(o) if operand_next && ["&", "|", "^"].contains(&o.as_str()) => return None,
            Tok::Op(o) if ["(", ")", "+", "-", "&", "|", "^", "~"].contains(&o.as_str()) => {
                o.clone()
            }
            Tok::Id(y) => {
                let b = *w.get(y)?;
                changed |= b != bits;
                match b.cmp(&bits) {
                    std::cmp::Ordering::Equal => y.clone(),
                    std::cmp::Ordering::Greater => format!("{y}[{}:0]", bits - 1),
                    std::cmp::Ordering::Less => format!("{{{}, {y}}}", literal(bits - b, 0)),
                }
            }
            Tok::Lit { bits: lb, val } if bits < 128 && val >> bits == 0 => {
                changed |= *lb != bits;
                literal(bits, *val)
            }
            _ => return None,
        };
        out.push(text);
    }
    changed.then_some(out)
}

fn tidy_line(line: &str, w: &HashMap<String, usize>) -> String {
    let toks = tokens(line);
    // Work on the solid tokens; spaces are kept beside the token they follow.
    let solid: Vec<usize> = (0..toks.len())
        .filter(|&i| !matches!(toks[i], Tok::Space(_)))
        .collect();
    let s: Vec<&Tok> = solid.iter().map(|&i| &toks[i]).collect();
    let mut out: Vec<Option<String>> = toks.iter().map(|t| Some(t.text())).collect();
    let fits = |name: &str, val: u128| w.get(name).filter(|&&b| b < 128 && val >> b == 0).copied();
    let mut k = 0;
    while k < s.len() {
        // At the start of the line or after `begin`, `else`, `;` or an `if (…)`.
        let stmt_start = k == 0
            || matches!(s[k - 1], Tok::Id(x) if x == "begin" || x == "else")
            || is_op(s.get(k - 1), &[";", ")"]);
        if let Tok::Id(x) = s[k] {
            // A whole statement `x = E;` / `x <= E;`: only the low width(x) bits of E are
            // kept, so E may be written at that width when its operators allow it.
            let end = (k + 2..s.len()).find(|&e| is_op(s.get(e), &[";"]));
            if let (true, true, Some(e), Some(&b)) =
                (stmt_start, is_op(s.get(k + 1), &["=", "<="]), end, w.get(x))
            {
                if let Some(texts) = low_bits(&s, k + 2, e, b, w) {
                    for (n, t) in texts.into_iter().enumerate() {
                        out[solid[k + 2 + n]] = Some(t);
                    }
                    k = e + 1;
                    continue;
                }
            }
            // `x OP lit` with nothing tighter on either side.
            let before_ok = !stmt_start && is_op(s.get(k - 1), BEFORE);
            if before_ok && is_op(s.get(k + 1), COMPARE) && is_op(s.get(k + 3), AFTER) {
                if let Some(Tok::Lit { val, bits }) = s.get(k + 2) {
                    if let Some(b) = fits(x, *val).filter(|b| b != bits) {
                        out[solid[k + 2]] = Some(literal(b, *val));
                    }
                }
            }
        }
        // A widening (or same-width) cast anywhere: `{K'h0, y}` or `y` has the cast's width
        // and value, so no context can tell them apart.
        if let Some((y, bits, end)) = cast_at(&s, k) {
            if let Some(&b) = w.get(&y).filter(|&&b| b <= bits) {
                let text = if b == bits {
                    y.clone()
                } else {
                    format!("{{{}, {y}}}", literal(bits - b, 0))
                };
                for slot in out.iter_mut().take(solid[end] + 1).skip(solid[k]) {
                    *slot = None;
                }
                out[solid[k]] = Some(text);
                k = end;
            }
        }
        k += 1;
    }
    out.into_iter().flatten().collect()
}

/// Size the literals and casts of every module in `v` (see the module's documentation).
pub fn tidy(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for (i, module) in v.split("\nmodule ").enumerate() {
        if i > 0 {
            out.push_str("\nmodule ");
        }
        let w = widths(module);
        let mut m = String::with_capacity(module.len());
        for line in module.split_inclusive('\n') {
            let (body, nl) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            m.push_str(&tidy_line(body, &w));
            m.push_str(nl);
        }
        if i > 0 {
            let name = module.split('(').next().unwrap_or("").trim();
            crate::verilog_waivers::apply(name, &mut m);
        }
        out.push_str(&m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(body: &str) -> String {
        format!("module m(a);\n    input wire  [4:0] a;\n    reg  [1:0] v;\n    reg  [15:0] big;\n    reg  [4:0] small;\n{body}\nendmodule\n")
    }

    #[test]
    fn statements_comparisons_and_casts_are_sized_only_where_the_value_cannot_change() {
        let m = module(
            "        v = 32'h2;\n        v <= 32'h7;\n        if (v == 32'h3) begin\n        small = ((big) & 5'h1f);\n        x = (a + v == 32'h1);\n        y = ~v != 32'h0;\n        big = big + 32'h10;\n        z = small + ((v) & 16'hffff);\n        small <= ((big - v) & 5'h1f);",
        );
        let t = tidy(&m);
        assert!(t.contains("        v = 2'h2;"), "{t}");
        // 7 does not fit in 2 bits: left for the lint to report.
        assert!(t.contains("v <= 32'h7;"), "{t}");
        assert!(t.contains("if (v == 2'h3) begin"), "{t}");
        assert!(t.contains("small = ((big[4:0]) & 5'h1f);"), "{t}");
        // `a + v` is wider than v: not touched; nor is `~v`, whose width is the context's.
        assert!(t.contains("(a + v == 32'h1)"), "{t}");
        assert!(t.contains("~v != 32'h0"), "{t}");
        assert!(t.contains("big = big + 16'h10;"), "{t}");
        assert!(t.contains("z = small + {14'h0, v};"), "{t}");
        assert!(
            t.contains("small <= ((big[4:0] - {3'h0, v}) & 5'h1f);"),
            "{t}"
        );
    }

    #[test]
    fn reductions_are_left_alone() {
        // `|big` is one bit from all sixteen: slicing big to v's width would change it.
        for body in [
            "        v = |big;",
            "        v = &big;",
            "        v <= ^big;",
            "        v = ~|big;",
            "        v = (|big) + 32'h1;",
            "        v = small & (&big);",
        ] {
            let t = tidy(&module(body));
            assert!(t.contains(body), "{body:?} became:\n{t}");
        }
        // A binary `|` is still sized.
        let t = tidy(&module("        small = big | a;"));
        assert!(t.contains("small = big[4:0] | a;"), "{t}");
    }

    #[test]
    fn a_blocks_constants_have_their_declared_widths() {
        let m =
            module("    localparam  mask = 5'h3;\n        small = ((big & 16'h7) & 5'h1f) & mask;");
        let t = tidy(&m);
        assert!(
            t.contains("small = ((big[4:0] & 5'h7) & 5'h1f) & mask;"),
            "{t}"
        );
        // A constant of unknown width leaves the statement alone.
        let m = module("        small = ((big & 16'h7) & 5'h1f) & other;");
        assert_eq!(tidy(&m), m);
    }

    #[test]
    fn text_without_such_forms_is_unchanged() {
        let m = module("    always @(posedge clock) q <= d;\n    wire [3:0] x = 4'd3;");
        assert_eq!(tidy(&m), m);
    }
}
