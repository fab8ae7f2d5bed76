//! The exported Verilog without its `initial` statements but its ROMs'. An FPGA loads the values
//! they give at configuration; an ASIC flow ignores them, and its flip-flops and RAMs power up
//! holding anything (a ROM is wired, so its contents stay). The engine must not depend on them:
//! everything a frame, a counter or a register read can see is brought to a known value by the
//! reset. Verilator runs this text with every variable randomized at construction
//! (`macsec_verilator::PowerUp::Random`) to prove it.

/// The mark before the `initial` statement that fills a ROM: a ROM's contents are part of the
/// design (the bitstream's, or an ASIC's wiring), not power-up state, so they stay.
pub const ROM_MARK: &str = "/* ROM */";

/// `v` with every `initial` statement removed but those marked [`ROM_MARK`], and how many were
/// removed. A statement is a `begin … end` block (nested blocks counted), a `for (…)` loop over
/// one statement, or anything up to its `;`. Comments are kept as they are and never searched.
pub fn without_initial(v: &str) -> (String, usize) {
    let b = v.as_bytes();
    let mut out = String::with_capacity(v.len());
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        if let Some(end) = comment_end(b, i) {
            let rom = v[i..end] == *ROM_MARK;
            out.push_str(&v[i..end]);
            i = end;
            let next = skip_space(b, i);
            if rom && word_at(b, next, "initial") {
                let stop = statement_end(b, skip_space(b, next + "initial".len()));
                out.push_str(&v[i..stop]);
                i = stop;
            }
        } else if word_at(b, i, "initial") {
            n += 1;
            i = statement_end(b, skip_space(b, i + "initial".len()));
        } else {
            let c = v[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    (out, n)
}

fn comment_end(b: &[u8], i: usize) -> Option<usize> {
    if b[i..].starts_with(b"//") {
        Some(
            b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p),
        )
    } else if b[i..].starts_with(b"/*") {
        Some(
            b[i + 2..]
                .windows(2)
                .position(|w| w == b"*/")
                .map_or(b.len(), |p| i + 2 + p + 2),
        )
    } else {
        None
    }
}

fn ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

fn word_at(b: &[u8], i: usize, w: &str) -> bool {
    b[i..].starts_with(w.as_bytes())
        && (i == 0 || !ident(b[i - 1]))
        && b.get(i + w.len()).is_none_or(|&c| !ident(c))
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The index just past the statement that starts at `i`.
fn statement_end(b: &[u8], i: usize) -> usize {
    if word_at(b, i, "begin") {
        let mut depth = 0usize;
        let mut j = i;
        while j < b.len() {
            if let Some(end) = comment_end(b, j) {
                j = end;
                continue;
            }
            if word_at(b, j, "begin") {
                depth += 1;
                j += "begin".len();
            } else if word_at(b, j, "end") {
                depth -= 1;
                j += "end".len();
                if depth == 0 {
                    return j;
                }
            } else {
                j += 1;
            }
        }
        b.len()
    } else if word_at(b, i, "for") {
        // The loop header's parentheses, then the body.
        let mut j = i + "for".len();
        let mut depth = 0usize;
        while j < b.len() {
            match b[j] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return statement_end(b, skip_space(b, j + 1));
                    }
                }
                _ => {}
            }
            j += 1;
        }
        b.len()
    } else {
        b[i..]
            .iter()
            .position(|&c| c == b';')
            .map_or(b.len(), |p| i + p + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::without_initial;

    #[test]
    fn removes_each_form_and_nothing_else() {
        let v = "module m;\nreg [3:0] q; // initial here is a comment\n\
                 initial q = 4'h0;\nalways @(posedge clock) q <= d;\n\
                 initial begin a = 1; begin b = 2; end c = 3; end\nwire initialised;\n\
                 initial for (i = 0; i <= 3; i = i + 1) begin m[i] = 0; end\n\
                 initial for (i = 0; i <= 3; i = i + 1) m[i] = 0;\n/* initial x = 1; */\n\
                 /* ROM */ initial for (i = 0; i < 4; i = i + 1) r[i] = T[i];\nendmodule\n";
        let (out, n) = without_initial(v);
        assert_eq!(n, 4);
        assert_eq!(
            out,
            "module m;\nreg [3:0] q; // initial here is a comment\n\n\
             always @(posedge clock) q <= d;\n\nwire initialised;\n\n\n\
             /* initial x = 1; */\n\
             /* ROM */ initial for (i = 0; i < 4; i = i + 1) r[i] = T[i];\nendmodule\n"
        );
    }
}
