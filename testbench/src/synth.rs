//! What the exported Verilog becomes on a real FPGA: Yosys `synth_xilinx` (UltraScale+) of a
//! top module, the primitives it used by kind, and the logic depth between registers.
//!
//! The depth is counted over the device's real timing arcs, not Yosys' `ltp` (which follows
//! paths through LUT RAMs as if they were logic and reports loops): a LUT is one level; MUXF7/8/9
//! and carry cells add no LUT level but are counted beside it; a LUT RAM or SRL read is one level
//! from its address inputs (its write side is a register); flip-flops, block RAMs and DSPs start
//! and end paths, as do the module's ports.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("yosys is not installed (or does not run): {0} (Debian: apt-get install yosys)")]
    NoYosys(std::io::Error),
    #[error("yosys failed on {top}; its log is {log}")]
    Failed { top: String, log: String },
    #[error("the netlist yosys wrote is not what was expected: {0}")]
    Netlist(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Primitive counts and the logic depth of a synthesized module.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SynthReport {
    pub luts: usize,
    pub flip_flops: usize,
    /// Distributed RAM primitives (RAM32M16, RAM64M8, RAM64X1D, …), and SRLs.
    pub lut_ram: usize,
    /// Block RAMs as RAMB18 equivalents (a RAMB36 counts two).
    pub bram18: usize,
    pub dsp: usize,
    pub carry: usize,
    pub muxf: usize,
    /// The most LUT levels between two registers (or ports).
    pub lut_levels: usize,
    /// The MUXF and carry cells on that path.
    pub path_muxf: usize,
    pub path_carry: usize,
}

/// Synthesize `top` of `verilog` for UltraScale+ in `dir`, and report.
pub fn synth_xilinx(verilog: &Path, top: &str, dir: &Path) -> Result<SynthReport, SynthError> {
    std::fs::create_dir_all(dir)?;
    let json = dir.join("netlist.json");
    let log = dir.join("yosys.log");
    let script = format!(
        "read_verilog {}; synth_xilinx -family xcup -flatten -top {top}; write_json {}",
        verilog.display(),
        json.display()
    );
    let out = Command::new("yosys")
        .args(["-q", "-l"])
        .arg(&log)
        .args(["-p", &script])
        .output()
        .map_err(SynthError::NoYosys)?;
    if !out.status.success() {
        return Err(SynthError::Failed {
            top: top.into(),
            log: log.display().to_string(),
        });
    }
    let text = std::fs::read_to_string(&json)?;
    let v: Value = serde_json::from_str(&text).map_err(|e| SynthError::Netlist(e.to_string()))?;
    analyze(&v, top)
}

/// What a cell is for the depth count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Lut,
    Muxf,
    Carry,
    /// A LUT RAM or SRL: combinational from its address inputs only.
    LutRam,
    /// Buffers and constants: pass-through at no cost.
    Wire,
    /// Starts and ends paths.
    Register,
}

fn kind(ty: &str) -> Kind {
    match ty {
        t if t.starts_with("LUT") => Kind::Lut,
        t if t.starts_with("MUXF") => Kind::Muxf,
        t if t.starts_with("CARRY") => Kind::Carry,
        t if t.starts_with("RAM") && !t.starts_with("RAMB") => Kind::LutRam,
        t if t.starts_with("SRL") => Kind::LutRam,
        "IBUF" | "OBUF" | "BUFG" | "IBUFG" | "INV" | "BUF" | "VCC" | "GND" => Kind::Wire,
        _ => Kind::Register,
    }
}

/// A LUT RAM's (or SRL's) read-address inputs: `A0..`, `A`, `ADDRx`, `DPRAx`.
fn is_address(port: &str) -> bool {
    port.starts_with("ADDR")
        || port.starts_with("DPRA")
        || port == "A"
        || (port.starts_with('A') && port[1..].chars().all(|c| c.is_ascii_digit()))
}

struct Cell {
    kind: Kind,
    /// The bits it reads that take part in its combinational arcs.
    inputs: Vec<u64>,
}

/// Count primitives and the deepest path of `top` in a Yosys JSON netlist.
pub fn analyze(netlist: &Value, top: &str) -> Result<SynthReport, SynthError> {
    let bad = |m: &str| SynthError::Netlist(m.to_string());
    let cells = netlist["modules"][top]["cells"]
        .as_object()
        .ok_or_else(|| bad("no cells for the top module"))?;
    let mut r = SynthReport::default();
    let mut all = Vec::new();
    // Which cell drives each bit.
    let mut driver: HashMap<u64, usize> = HashMap::new();
    for c in cells.values() {
        let ty = c["type"]
            .as_str()
            .ok_or_else(|| bad("a cell without a type"))?;
        let k = kind(ty);
        match ty {
            t if t.starts_with("LUT") => r.luts += 1,
            t if t.starts_with("FD") => r.flip_flops += 1,
            t if t.starts_with("RAMB18") => r.bram18 += 1,
            t if t.starts_with("RAMB36") => r.bram18 += 2,
            t if t.starts_with("DSP") => r.dsp += 1,
            _ if k == Kind::LutRam => r.lut_ram += 1,
            _ if k == Kind::Carry => r.carry += 1,
            _ if k == Kind::Muxf => r.muxf += 1,
            _ => {}
        }
        let dirs = c["port_directions"].as_object();
        let conns = c["connections"]
            .as_object()
            .ok_or_else(|| bad("a cell without connections"))?;
        let id = all.len();
        let mut inputs = Vec::new();
        for (port, bits) in conns {
            let dir = dirs.and_then(|d| d.get(port)).and_then(|d| d.as_str());
            let bits = bits.as_array().map(Vec::as_slice).unwrap_or(&[]);
            // Constants are strings ("0", "1", "x"): no driver, no depth.
            let nets = bits.iter().filter_map(Value::as_u64);
            match dir {
                Some("output") => nets.for_each(|b| {
                    driver.insert(b, id);
                }),
                Some("input") if k != Kind::LutRam || is_address(port) => inputs.extend(nets),
                _ => {}
            }
        }
        all.push(Cell { kind: k, inputs });
    }
    // Longest path by memoized depth-first search: (LUT levels, MUXF, CARRY) at a cell's output.
    #[derive(Clone, Copy)]
    enum Mark {
        Open,
        Done((usize, usize, usize)),
    }
    let mut mark: Vec<Option<Mark>> = vec![None; all.len()];
    for start in 0..all.len() {
        if all[start].kind == Kind::Register || mark[start].is_some() {
            continue;
        }
        // An explicit stack: (cell, next input to look at, best so far).
        let mut stack = vec![(start, 0usize, (0usize, 0usize, 0usize))];
        mark[start] = Some(Mark::Open);
        while let Some(top) = stack.last_mut() {
            let c = top.0;
            if let Some(&b) = all[c].inputs.get(top.1) {
                top.1 += 1;
                let Some(&d) = driver.get(&b) else { continue };
                if all[d].kind == Kind::Register {
                    continue;
                }
                match mark[d] {
                    Some(Mark::Done(x)) => {
                        if x > top.2 {
                            top.2 = x;
                        }
                    }
                    Some(Mark::Open) => {
                        return Err(bad("a combinational loop through logic cells"));
                    }
                    None => {
                        mark[d] = Some(Mark::Open);
                        stack.push((d, 0, (0, 0, 0)));
                    }
                }
                continue;
            }
            let (l, m, k) = top.2;
            let here = match all[c].kind {
                Kind::Lut | Kind::LutRam => (l + 1, m, k),
                Kind::Muxf => (l, m + 1, k),
                Kind::Carry => (l, m, k + 1),
                _ => (l, m, k),
            };
            mark[c] = Some(Mark::Done(here));
            stack.pop();
            if let Some((_, _, parent)) = stack.last_mut() {
                if here > *parent {
                    *parent = here;
                }
            }
        }
    }
    for m in mark.iter().flatten() {
        if let Mark::Done((l, mx, k)) = *m {
            if (l, mx, k) > (r.lut_levels, r.path_muxf, r.path_carry) {
                (r.lut_levels, r.path_muxf, r.path_carry) = (l, mx, k);
            }
        }
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cell(ty: &str, ins: &[(&str, u64)], outs: &[(&str, u64)]) -> Value {
        let mut dirs = serde_json::Map::new();
        let mut conns = serde_json::Map::new();
        for (p, b) in ins {
            dirs.insert(p.to_string(), json!("input"));
            conns.insert(p.to_string(), json!([b]));
        }
        for (p, b) in outs {
            dirs.insert(p.to_string(), json!("output"));
            conns.insert(p.to_string(), json!([b]));
        }
        json!({"type": ty, "port_directions": dirs, "connections": conns})
    }

    #[test]
    fn depth_counts_luts_between_registers_and_reads_lut_ram_from_its_address() {
        // FF(10) -> LUT(11) -> LUT(12) -> MUXF7(13) -> LUT(14) -> FF;
        // FF(20) -> LUT RAM address (21) -> LUT(22) -> FF; the RAM's data input from the long
        // chain does not extend the RAM's read path.
        let n = json!({"modules": {"t": {"cells": {
            "a": cell("FDRE", &[("D", 14)], &[("Q", 10)]),
            "b": cell("LUT2", &[("I0", 10), ("I1", 10)], &[("O", 11)]),
            "c": cell("LUT3", &[("I0", 11)], &[("O", 12)]),
            "d": cell("MUXF7", &[("I0", 12), ("I1", 11)], &[("O", 13)]),
            "e": cell("LUT6", &[("I0", 13)], &[("O", 14)]),
            "f": cell("FDRE", &[("D", 22)], &[("Q", 20)]),
            "g": cell("RAM64X1D", &[("A0", 20), ("D", 14)], &[("SPO", 21)]),
            "h": cell("LUT1", &[("I0", 21)], &[("O", 22)]),
            "i": cell("RAMB36E2", &[("ADDRARDADDR", 22)], &[]),
        }}}});
        let r = analyze(&n, "t").unwrap();
        assert_eq!((r.lut_levels, r.path_muxf, r.path_carry), (3, 1, 0));
        assert_eq!(
            (r.luts, r.flip_flops, r.lut_ram, r.bram18, r.muxf),
            (4, 2, 1, 2, 1)
        );
    }

    #[test]
    fn a_loop_through_logic_is_reported() {
        let n = json!({"modules": {"t": {"cells": {
            "a": cell("LUT1", &[("I0", 2)], &[("O", 1)]),
            "b": cell("LUT1", &[("I0", 1)], &[("O", 2)]),
        }}}});
        assert!(matches!(analyze(&n, "t"), Err(SynthError::Netlist(_))));
    }
}
