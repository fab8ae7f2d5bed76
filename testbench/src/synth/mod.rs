//! What the exported Verilog becomes on a real FPGA: Yosys `synth_xilinx` (UltraScale+) of a
//! top module, the primitives it used by kind, and the logic depth between registers
//! (`depth`: the deepest path, named, and the depth each block's registers need).

mod depth;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

pub use depth::{BlockDepth, PathStep};

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
    /// That path, from the register (or port) it starts at to the one it ends at: the named
    /// nets it passes (the design's signal names; unnamed logic between them is left out).
    pub path: Vec<PathStep>,
    /// Per block (the first two levels of the hierarchy of a register's name, e.g.
    /// `ing.front`): the most LUT levels in front of its registers, and how many of its
    /// register bits have more than `over_levels`. Deepest first.
    pub blocks: Vec<BlockDepth>,
    pub over_levels: usize,
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
    read_netlist(&json, top)
}

/// Report on a Yosys JSON netlist written before (`write_json` after `synth_xilinx -flatten`).
pub fn read_netlist(json: &Path, top: &str) -> Result<SynthReport, SynthError> {
    let text = std::fs::read_to_string(json)?;
    let v: Value = serde_json::from_str(&text).map_err(|e| SynthError::Netlist(e.to_string()))?;
    analyze(&v, top)
}

/// Count primitives, and find the deepest path of `top` and each block's depth.
pub fn analyze(netlist: &Value, top: &str) -> Result<SynthReport, SynthError> {
    let module = &netlist["modules"][top];
    let cells = module["cells"]
        .as_object()
        .ok_or_else(|| SynthError::Netlist("no cells for the top module".into()))?;
    let mut r = SynthReport::default();
    for c in cells.values() {
        let ty = c["type"]
            .as_str()
            .ok_or_else(|| SynthError::Netlist("a cell without a type".into()))?;
        match ty {
            t if t.starts_with("LUT") => r.luts += 1,
            t if t.starts_with("FD") => r.flip_flops += 1,
            t if t.starts_with("RAMB18") => r.bram18 += 1,
            t if t.starts_with("RAMB36") => r.bram18 += 2,
            t if t.starts_with("DSP") => r.dsp += 1,
            t => match depth::kind(t) {
                depth::Kind::LutRam => r.lut_ram += 1,
                depth::Kind::Carry => r.carry += 1,
                depth::Kind::Muxf => r.muxf += 1,
                _ => {}
            },
        }
    }
    let over = crate::timing::levels_at(crate::timing::TARGET_MHZ as f64);
    let d = depth::analyze(module, over)?;
    (r.lut_levels, r.path_muxf, r.path_carry) = d.deepest;
    r.path = d.path;
    r.blocks = d.blocks;
    r.over_levels = over;
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
    fn the_deepest_path_is_named_and_each_block_has_its_depth() {
        // FF a.x (1) -> LUT (2, net a.y) -> LUT (3) -> FF b.c.z; FF b.c.z -> LUT -> FF d.e.
        let mut n = json!({"modules": {"t": {"cells": {
            "f1": cell("FDRE", &[("D", 9)], &[("Q", 1)]),
            "l1": cell("LUT2", &[("I0", 1)], &[("O", 2)]),
            "l2": cell("LUT2", &[("I0", 2)], &[("O", 3)]),
            "f2": cell("FDRE", &[("D", 3)], &[("Q", 4)]),
            "l3": cell("LUT1", &[("I0", 4)], &[("O", 5)]),
            "f3": cell("FDRE", &[("D", 5)], &[("Q", 9)]),
        }}}});
        n["modules"]["t"]["netnames"] = json!({
            "a.x": {"bits": [1]}, "a.y": {"bits": [2]}, "$abc$3": {"bits": [3]},
            "b.c.z": {"bits": [4]}, "d.e": {"bits": [9]},
        });
        let r = analyze(&n, "t").unwrap();
        assert_eq!(r.lut_levels, 2);
        let nets: Vec<&str> = r.path.iter().map(|s| s.net.as_str()).collect();
        assert_eq!(nets, ["a.x", "a.y", "b.c.z"]);
        assert_eq!(r.path[0].cell, "FDRE");
        let blocks: Vec<(&str, usize)> = r
            .blocks
            .iter()
            .map(|b| (b.block.as_str(), b.lut_levels))
            .collect();
        assert_eq!(blocks, [("b.c", 2), ("d", 1), ("a", 0)]);
        assert!(r.blocks.iter().all(|b| b.bits_over == 0));
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
