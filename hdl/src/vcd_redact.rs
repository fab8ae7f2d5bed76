//! Key material out of the engine's waveforms. A VCD of the engine would otherwise hold every
//! SAK (the key RAM, the key words on their way to the expanders), every round key, H and the
//! GHASH state it can be recovered from, and the AES rounds' state (which, with the known counter
//! blocks, gives the key away). By default those signals stay in the VCD's declarations but their
//! values are dumped once as `x` and never again; the CSR write data is shown as `x` while it is
//! a word of the table window's DATA registers, where keys pass. `--vcd-keys` (the
//! [`Keys::Include`] mode) writes everything.

use std::collections::HashSet;

use macsec_model::regmap::tables::window as tw;

/// Whether key material goes into a waveform.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Keys {
    /// Key material is dumped as `x` (the default).
    #[default]
    Redact,
    /// Every value as it is: the file is then as secret as the keys.
    Include,
}

/// Scopes whose every signal carries key material: the key expanders, the AES pipelines, the H
/// RAMs, the GHASH multipliers and the tag fold (E(K, J0) and H), the key RAM.
/// The CSR decode (`codec`) goes too: it splits every written word, key words included, into
/// fields.
/// In the AXI top, the AXI4-Lite slave goes whole: it holds every written word before the engine
/// sees its address.
const SECRET_SCOPES: &[&str] = &[
    "kx", "aes", "hram", "ghash", "fold", "keys", "codec", "axil",
];

/// Whether signal `name` in the scope path `path` (from the top, `uut` first) carries key
/// material. A parent's wire for a child's port (`tbl$kx0`, as Verilator names it) is taken as
/// that port, in the child's scope.
pub fn is_key_material(path: &[String], name: &str) -> bool {
    let mut parts: Vec<&str> = name.split('$').collect();
    let name = parts.pop().unwrap_or(name);
    let path: Vec<&str> = path.iter().map(String::as_str).chain(parts).collect();
    let numbered = |prefix: &str, s: &str, max: u32| {
        s.strip_prefix(prefix)
            .and_then(|d| d.parse::<u32>().ok())
            .is_some_and(|n| n <= max)
    };
    if path.iter().any(|s| SECRET_SCOPES.contains(s)) {
        return true;
    }
    // The key words into a GCM core, and from the tables to the expanders.
    if numbered("key", name, 7) || numbered("kx", name, 7) {
        return true;
    }
    // The AXI top's write data, before the slave has paired it with an address.
    if name == "s_axil_wdata" {
        return true;
    }
    let tail: Vec<&str> = path.iter().rev().take(3).copied().collect();
    match tail.as_slice() {
        // The GCM back end: the AES output (H while a key is installed), the GHASH state, and
        // the registers holding H and E(K, J0).
        ["back", "core", ..] => numbered("s", name, 3) || numbered("x", name, 3),
        [reg, "back", "core"] => ["fh", "fe", "ej"].iter().any(|p| numbered(p, reg, 3)),
        // The command words the tables take from the window's data registers (key words are
        // written there).
        ["txsa" | "rxsa" | "rxsc", "tbl", ..] => name.starts_with("c_"),
        // The key identifier RAM's write words follow the data registers whatever they hold.
        ["kid", "tbl", ..] => numbered("w", name, 3),
        // The SecY registers' written fields: the codec's split of every written word, key
        // words included (their `wdata` is hidden on the window like every other).
        ["regs", "csr", ..] => name.starts_with("w_") || name == "ctrl_err",
        // The DATA words' bank, and the words of it that the tables hand to the registers.
        ["bank", "tbl", ..] => true,
        ["tbl" | "csr", "ctl", ..] => ["d0", "d8", "d_rdata"].contains(&name),
        _ => false,
    }
}

/// Whether a CSR offset is one of the table window's DATA registers.
fn is_window_data(addr: u64) -> bool {
    let first = tw::DATA0_OFFSET as u64;
    (first..first + 4 * 16).contains(&addr)
}

/// A VCD stream filter: whole lines in, lines out with key material replaced.
#[derive(Debug, Default)]
pub struct Redactor {
    partial: Vec<u8>,
    body: bool,
    scopes: Vec<String>,
    secret: HashSet<String>,
    /// Ids already dumped as x: their later changes are dropped.
    hidden: HashSet<String>,
    wdata: HashSet<String>,
    addr: Option<String>,
    addr_now: u64,
    /// The value changes of the current timestamp, held until it ends (the address that decides
    /// whether the write data is shown may come after it).
    block: Vec<String>,
    out: Vec<u8>,
}

impl Redactor {
    pub fn new() -> Redactor {
        Redactor::default()
    }

    /// Take more of the VCD.
    pub fn push(&mut self, bytes: &[u8]) {
        self.partial.extend_from_slice(bytes);
        while let Some(i) = self.partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=i).collect();
            let line = String::from_utf8_lossy(&line[..line.len() - 1]).into_owned();
            self.line(line);
        }
    }

    /// Everything so far, redacted (a partial last line is kept back).
    pub fn take(&mut self) -> Vec<u8> {
        self.end_block();
        std::mem::take(&mut self.out)
    }

    fn emit(&mut self, line: &str) {
        self.out.extend_from_slice(line.as_bytes());
        self.out.push(b'\n');
    }

    fn line(&mut self, line: String) {
        if !self.body {
            self.header(&line);
            self.emit(&line);
            return;
        }
        if line.starts_with(['#', '$']) {
            self.end_block();
            self.emit(&line);
        } else {
            self.block.push(line);
        }
    }

    fn header(&mut self, line: &str) {
        let t: Vec<&str> = line.split_whitespace().collect();
        match t.as_slice() {
            ["$scope", _, name, ..] => self.scopes.push(name.to_string()),
            ["$upscope", ..] => {
                self.scopes.pop();
            }
            ["$var", _, _, id, full, ..] => {
                // Verilator names a child's signal in its parent's scope `child$signal` (the
                // generated Verilog's net names): the parts before the last `$` are scopes.
                let mut parts: Vec<&str> = full.split('$').collect();
                let name = parts.pop().unwrap_or(full);
                let mut path = self.scopes.clone();
                path.extend(parts.iter().map(|p| p.to_string()));
                if is_key_material(&path, name) {
                    self.secret.insert(id.to_string());
                }
                if name == "wdata" {
                    self.wdata.insert(id.to_string());
                }
                // The engine's CSR address: a top-level pin, or the engine's inside the AXI top.
                if name == "addr" && (path.len() == 1 || path.last().is_some_and(|p| p == "engine"))
                {
                    self.addr = Some(id.to_string());
                }
            }
            ["$enddefinitions", ..] => self.body = true,
            _ => {}
        }
    }

    fn end_block(&mut self) {
        let block = std::mem::take(&mut self.block);
        for l in &block {
            let (value, id) = split_change(l);
            if self.addr.as_deref() == Some(id) {
                if let Some(v) = value.strip_prefix('b') {
                    self.addr_now = u64::from_str_radix(v, 2).unwrap_or(u64::MAX);
                }
            }
        }
        let on_window = is_window_data(self.addr_now);
        for l in block {
            let (value, id) = split_change(&l);
            let hide = self.secret.contains(id) || (on_window && self.wdata.contains(id));
            if !hide {
                if self.wdata.contains(id) {
                    self.hidden.remove(id);
                }
                self.emit(&l);
                continue;
            }
            if self.hidden.insert(id.to_string()) {
                let x = if value.starts_with('b') {
                    format!("bx {id}")
                } else {
                    format!("x{id}")
                };
                self.emit(&x);
            }
        }
    }
}

/// A value change line: (value, id). `b0101 !` or `1!`.
fn split_change(l: &str) -> (&str, &str) {
    if l.starts_with(['b', 'B', 'r', 'R']) {
        l.split_once(' ').unwrap_or((l, ""))
    } else if l.is_empty() {
        ("", "")
    } else {
        let cut = l.char_indices().nth(1).map_or(l.len(), |(i, _)| i);
        l.split_at(cut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> Vec<String> {
        p.split('.').map(String::from).collect()
    }

    #[test]
    fn key_material_is_found_by_scope_and_name() {
        assert!(is_key_material(&path("uut.eg.core.kx"), "rk_data0"));
        assert!(is_key_material(&path("uut.ing.core"), "key3"));
        assert!(is_key_material(&path("uut.ctl"), "kx7"));
        assert!(is_key_material(&path("uut.eg.core.back"), "x2"));
        assert!(is_key_material(&path("uut.eg.core.back.fh1"), "q"));
        assert!(is_key_material(&path("uut"), "ctl$kx7"));
        assert!(is_key_material(&path("uut.ctl.tbl.bank"), "q5"));
        assert!(is_key_material(&path("uut.ctl.tbl"), "bank$q5"));
        assert!(is_key_material(&path("uut.ctl"), "tbl$bank$q5"));
        assert!(is_key_material(&path("uut.ctl"), "tbl$d0"));
        assert!(is_key_material(&path("uut.ctl.csr"), "d8"));
        assert!(is_key_material(&path("uut.ctl.csr"), "codec$d8"));
        assert!(!is_key_material(&path("uut.ctl"), "rdata"));
        assert!(!is_key_material(&path("uut.ctl.csr"), "rdata"));
        assert!(is_key_material(&path("uut.ctl.csr.codec"), "w_ctrl"));
        assert!(is_key_material(&path("uut.ctl.csr.regs"), "w_tx_an"));
        assert!(is_key_material(&path("uut.ctl.csr"), "regs$ctrl_err"));
        assert!(!is_key_material(&path("uut.ctl.csr.regs"), "sci_lo"));
        assert!(is_key_material(&path("uut.ctl.tbl.txsa"), "c_d0"));
        assert!(is_key_material(&path("uut.ctl.tbl"), "rxsa$c_d3"));
        assert!(!is_key_material(&path("uut.ctl.tbl.txsa"), "r_d0"));
        assert!(!is_key_material(&path("uut.eg.front"), "key"));
        assert!(!is_key_material(&path("uut.eg.core"), "key_id"));
        assert!(!is_key_material(&path("uut.eg.core.back"), "c0"));
        assert!(!is_key_material(&path("uut"), "e_out_d0"));
    }

    #[test]
    fn secret_values_become_x_once_and_window_writes_are_hidden() {
        let vcd = "$scope module uut $end\n$var wire 12 ! addr $end\n$var wire 32 \" wdata $end\n\
            $scope module keys $end\n$var wire 32 # w0 $end\n$upscope $end\n$upscope $end\n\
            $enddefinitions $end\n#0\n$dumpvars\nb0 !\nb0 \"\nb1010 #\n$end\n#1\nb1111 #\n";
        let mut r = Redactor::new();
        r.push(vcd.as_bytes());
        let data = format!(
            "#2\nb{:b} !\nb11011110101011011011111011101111 \"\n",
            tw::DATA0_OFFSET
        );
        r.push(data.as_bytes());
        r.push(b"#3\nb100 !\nb1 \"\n");
        let out = String::from_utf8(r.take()).unwrap();
        assert!(out.contains("$var wire 32 # w0 $end"), "{out}");
        assert!(out.contains("bx #"));
        assert!(
            !out.contains("b1010 #") && !out.contains("b1111 #"),
            "{out}"
        );
        assert!(!out.contains("b11011110101011011011111011101111"), "{out}");
        assert!(out.contains("bx \""), "{out}");
        // Off the window the write data shows again.
        assert!(out.contains("b1 \""), "{out}");
        assert_eq!(out.matches("bx #").count(), 1);
    }
}
