//! Logic depth of a synthesized netlist, counted over the device's real timing arcs rather than
//! with Yosys' `ltp` (which follows paths through LUT RAMs as if they were logic and reports
//! loops): a LUT is one level; MUXF7/8/9 and carry cells add no LUT level but are counted beside
//! it; a LUT RAM or SRL read is one level from its address inputs (its write side is a
//! register); flip-flops, block RAMs and DSPs start and end paths, as do the module's ports.
//!
//! Besides the deepest path's length it names the path (the design's nets along it, as Yosys
//! keeps them through `-flatten`: `ing.front.start`, `ctl.tbl.rxsa.spec`) and says, per block, how
//! deep the logic in front of its registers is: what a designer needs to know which block to
//! pipeline next.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::SynthError;

/// What a cell is for the depth count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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

pub(super) fn kind(ty: &str) -> Kind {
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

/// One named net on a path, and the cell that drives it (`FDRE`, `LUT6`, `CARRY8`, a port).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PathStep {
    pub cell: String,
    pub net: String,
}

/// The depth in front of one block's registers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BlockDepth {
    pub block: String,
    pub lut_levels: usize,
    /// Register bits (and output port bits) of the block with more LUT levels than the target.
    pub bits_over: usize,
    /// For a block deeper than the target, its deepest path's named nets (as for the deepest
    /// path of all): where to cut.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<PathStep>,
}

pub(super) struct Depth {
    /// LUT levels, MUXF and carry cells of the deepest path.
    pub deepest: (usize, usize, usize),
    pub path: Vec<PathStep>,
    pub blocks: Vec<BlockDepth>,
}

struct Cell {
    ty: String,
    kind: Kind,
    /// The bits it reads that take part in its combinational arcs (all it reads, for a
    /// register: every input ends a path).
    inputs: Vec<u64>,
    outputs: Vec<u64>,
}

type Levels = (usize, usize, usize);

/// The block a net belongs to: the instance that names it (its hierarchical name without the
/// signal), at most three levels deep (`ctl.tbl.rxsa`, `ing.front.parse`, `eg.fmt`).
fn block_of(net: &str) -> String {
    let base = net.split('[').next().unwrap_or(net).replace('$', ".");
    let parts: Vec<&str> = base.split('.').filter(|p| !p.is_empty()).collect();
    match parts.len() {
        0 => net.to_string(),
        1 => "(top)".to_string(),
        n => parts[..(n - 1).min(3)].join("."),
    }
}

pub(super) fn analyze(module: &Value, over: usize) -> Result<Depth, SynthError> {
    let bad = |m: &str| SynthError::Netlist(m.to_string());
    let cells = module["cells"]
        .as_object()
        .ok_or_else(|| bad("no cells for the top module"))?;
    // Each bit's user-given name (Yosys' own start with `$`): the one deepest in the hierarchy,
    // which is the name inside the block that drives it (a port wired up through its parents
    // has a shorter name at each level), and of those the shortest.
    let mut names: HashMap<u64, &str> = HashMap::new();
    let rank = |n: &str| (n.matches(['.', '$']).count(), usize::MAX - n.len());
    if let Some(nets) = module["netnames"].as_object() {
        for (n, v) in nets {
            if n.starts_with('$') {
                continue;
            }
            for b in v["bits"].as_array().into_iter().flatten() {
                if let Some(b) = b.as_u64() {
                    let e = names.entry(b).or_insert(n);
                    if rank(n) > rank(e) {
                        *e = n;
                    }
                }
            }
        }
    }
    let mut all = Vec::new();
    let mut driver: HashMap<u64, usize> = HashMap::new();
    for c in cells.values() {
        let ty = c["type"]
            .as_str()
            .ok_or_else(|| bad("a cell without a type"))?;
        let k = kind(ty);
        let dirs = c["port_directions"].as_object();
        let conns = c["connections"]
            .as_object()
            .ok_or_else(|| bad("a cell without connections"))?;
        let id = all.len();
        let (mut inputs, mut outputs) = (Vec::new(), Vec::new());
        for (port, bits) in conns {
            let dir = dirs.and_then(|d| d.get(port)).and_then(|d| d.as_str());
            let bits = bits.as_array().map(Vec::as_slice).unwrap_or(&[]);
            // Constants are strings ("0", "1", "x"): no driver, no depth.
            let nets = bits.iter().filter_map(Value::as_u64);
            match dir {
                Some("output") => nets.for_each(|b| {
                    driver.insert(b, id);
                    outputs.push(b);
                }),
                Some("input") if k != Kind::LutRam || is_address(port) => inputs.extend(nets),
                _ => {}
            }
        }
        all.push(Cell {
            ty: ty.to_string(),
            kind: k,
            inputs,
            outputs,
        });
    }
    let logic = |d: usize| all[d].kind != Kind::Register;
    // Longest path by memoized depth-first search: the levels at a cell's output, and the
    // input's driver they came through.
    #[derive(Clone, Copy)]
    enum Mark {
        Open,
        Done(Levels, Option<usize>),
    }
    let mut mark: Vec<Option<Mark>> = vec![None; all.len()];
    for start in 0..all.len() {
        if !logic(start) || mark[start].is_some() {
            continue;
        }
        // An explicit stack: (cell, next input to look at, best so far and through whom).
        let mut stack = vec![(start, 0usize, (0, 0, 0), None)];
        mark[start] = Some(Mark::Open);
        while let Some(top) = stack.last_mut() {
            let c = top.0;
            if let Some(&b) = all[c].inputs.get(top.1) {
                top.1 += 1;
                let Some(&d) = driver.get(&b) else { continue };
                if !logic(d) {
                    continue;
                }
                match mark[d] {
                    Some(Mark::Done(x, _)) => {
                        if x > top.2 {
                            (top.2, top.3) = (x, Some(d));
                        }
                    }
                    Some(Mark::Open) => {
                        return Err(bad("a combinational loop through logic cells"));
                    }
                    None => {
                        mark[d] = Some(Mark::Open);
                        stack.push((d, 0, (0, 0, 0), None));
                    }
                }
                continue;
            }
            let ((l, m, k), via) = (top.2, top.3);
            let here = match all[c].kind {
                Kind::Lut | Kind::LutRam => (l + 1, m, k),
                Kind::Muxf => (l, m + 1, k),
                Kind::Carry => (l, m, k + 1),
                _ => (l, m, k),
            };
            mark[c] = Some(Mark::Done(here, via));
            stack.pop();
            if let Some(parent) = stack.last_mut() {
                if here > parent.2 {
                    (parent.2, parent.3) = (here, Some(c));
                }
            }
        }
    }
    let done = |d: usize| match mark[d] {
        Some(Mark::Done(x, via)) => (x, via),
        _ => ((0, 0, 0), None),
    };
    // What a bit's logic driver brings to the register (or port) it ends at.
    let into = |b: &u64| {
        driver
            .get(b)
            .filter(|&&d| logic(d))
            .map(|&d| (done(d).0, d))
    };
    // Endpoints: every register's inputs, and the module's output ports.
    let mut ends: Vec<(Levels, Option<usize>, String, String)> = Vec::new();
    for c in all.iter().filter(|c| c.kind == Kind::Register) {
        let name = c
            .outputs
            .iter()
            .find_map(|b| names.get(b).copied())
            .unwrap_or(&c.ty)
            .to_string();
        let best = c.inputs.iter().filter_map(into).max();
        let (lv, via) = best.map_or(((0, 0, 0), None), |(x, d)| (x, Some(d)));
        ends.push((lv, via, name, c.ty.clone()));
    }
    if let Some(ports) = module["ports"].as_object() {
        for (p, v) in ports {
            if v["direction"].as_str() != Some("output") {
                continue;
            }
            for b in v["bits"].as_array().into_iter().flatten() {
                if let Some((x, d)) = b.as_u64().as_ref().and_then(into) {
                    ends.push((x, Some(d), p.clone(), "port".into()));
                }
            }
        }
    }
    // A path walked back from its end to the register it starts at.
    let walk = |via: Option<usize>, end: &str, end_ty: &str| -> Vec<PathStep> {
        let mut path = vec![PathStep {
            cell: end_ty.to_string(),
            net: end.to_string(),
        }];
        let mut at = via;
        let mut first = None;
        while let Some(c) = at {
            if let Some(n) = all[c].outputs.iter().find_map(|b| names.get(b)) {
                // One step per named net (a wide adder's carry cells share a name).
                if path.last().map(|s| s.net.as_str()) != Some(*n) {
                    path.push(PathStep {
                        cell: all[c].ty.clone(),
                        net: n.to_string(),
                    });
                }
            }
            first = Some(c);
            at = done(c).1;
        }
        // The register the path starts at: a register driving the first logic cell.
        if let Some(c) = first {
            let start = all[c].inputs.iter().find_map(|b| {
                let d = *driver.get(b)?;
                (!logic(d)).then_some(d)
            });
            let name = start.and_then(|d| all[d].outputs.iter().find_map(|b| names.get(b)));
            if let (Some(d), Some(n)) = (start, name) {
                path.push(PathStep {
                    cell: all[d].ty.clone(),
                    net: n.to_string(),
                });
            }
        }
        path.reverse();
        path
    };
    // Each block's deepest end (its index in `ends`) and its bits over the target.
    let mut blocks: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, (lv, _, name, _)) in ends.iter().enumerate() {
        let e = blocks.entry(block_of(name)).or_insert((i, 0));
        if lv.0 > ends[e.0].0 .0 {
            e.0 = i;
        }
        e.1 += (lv.0 > over) as usize;
    }
    let mut blocks: Vec<BlockDepth> = blocks
        .into_iter()
        .map(|(block, (i, bits_over))| {
            let (lv, via, name, ty) = &ends[i];
            BlockDepth {
                block,
                lut_levels: lv.0,
                bits_over,
                path: if lv.0 > over {
                    walk(*via, name, ty)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    blocks.sort_by(|a, b| b.lut_levels.cmp(&a.lut_levels).then(a.block.cmp(&b.block)));
    // The deepest path of all.
    let (deepest, path) = ends
        .iter()
        .max_by_key(|e| e.0)
        .map_or(((0, 0, 0), Vec::new()), |(lv, via, end, ty)| {
            (*lv, walk(*via, end, ty))
        });
    Ok(Depth {
        deepest,
        path,
        blocks,
    })
}
